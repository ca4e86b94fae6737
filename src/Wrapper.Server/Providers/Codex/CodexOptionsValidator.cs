namespace Wrapper.Server.Providers.Codex;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class CodexOptionsValidator() : CliOptionsValidator<CodexOptions>(
    NotEmpty(o => o.RoutingPrefix, "CODEX_ROUTING_PREFIX must not be empty."));
