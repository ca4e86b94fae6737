namespace Wrapper.Server.Providers.Claude;

/// <summary>Start-up checks: the shared ones of <see cref="CliOptionsValidator{TOptions}"/>.</summary>
internal sealed class ClaudeOptionsValidator() : CliOptionsValidator<ClaudeOptions>;
