namespace Wrapper.Server.Providers.Qwen;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class QwenOptionsValidator() : CliOptionsValidator<QwenOptions>(
    NotEmpty(o => o.DefaultModel, "QWEN_MODEL must not be empty (e.g. 'qwen3-coder-plus')."));
