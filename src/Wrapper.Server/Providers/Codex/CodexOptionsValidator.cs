using Wrapper.Server.Configuration;

namespace Wrapper.Server.Providers.Codex;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class CodexOptionsValidator() : OptionsValidator<CodexOptions>(
    NotEmpty(o => o.CliPath, "CODEX_CLI_PATH must not be empty (a path, or a command name such as 'codex')."),
    NotEmpty(o => o.ModelPrefix, "CODEX_MODEL_PREFIX must not be empty."),
    NotEmpty(o => o.RoutingPrefix, "CODEX_ROUTING_PREFIX must not be empty."));
