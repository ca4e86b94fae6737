using Wrapper.Server.Configuration;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class GeminiOptionsValidator() : OptionsValidator<GeminiOptions>(
    NotEmpty(o => o.CliPath, "GEMINI_CLI_PATH must not be empty (a path, or a command name such as 'gemini')."),
    NotEmpty(o => o.ModelPrefix, "GEMINI_MODEL_PREFIX must not be empty."),
    NotEmpty(o => o.DefaultModel, "GEMINI_MODEL must not be empty (e.g. 'gemini-2.5-flash')."));
