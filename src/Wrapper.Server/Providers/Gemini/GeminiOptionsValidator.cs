namespace Wrapper.Server.Providers.Gemini;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class GeminiOptionsValidator() : CliOptionsValidator<GeminiOptions>(
    NotEmpty(o => o.DefaultModel, "GEMINI_MODEL must not be empty (e.g. 'gemini-2.5-flash')."));
