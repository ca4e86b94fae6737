using Wrapper.Server.Configuration;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class QwenOptionsValidator() : OptionsValidator<QwenOptions>(
    NotEmpty(o => o.CliPath, "QWEN_CLI_PATH must not be empty (a path, or a command name such as 'qwen')."),
    NotEmpty(o => o.ModelPrefix, "QWEN_MODEL_PREFIX must not be empty."),
    NotEmpty(o => o.DefaultModel, "QWEN_MODEL must not be empty (e.g. 'qwen3-coder-plus')."));
