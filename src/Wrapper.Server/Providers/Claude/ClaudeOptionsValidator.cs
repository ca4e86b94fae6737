using Wrapper.Server.Configuration;

namespace Wrapper.Server.Providers.Claude;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ClaudeOptionsValidator() : OptionsValidator<ClaudeOptions>(
    NotEmpty(o => o.CliPath, "CLAUDE_CLI_PATH must not be empty (a path, or a command name such as 'claude')."),
    NotEmpty(o => o.ModelPrefix, "CLAUDE_MODEL_PREFIX must not be empty."));
