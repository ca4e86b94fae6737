namespace Wrapper.Server.Providers.Gemini;

/// <summary>Gemini CLI settings. Keys are the environment variable names.</summary>
internal sealed record GeminiOptions
{
    /// <summary>A path, or a command name looked up on PATH and in ./node_modules/.bin.</summary>
    [ConfigurationKeyName("GEMINI_CLI_PATH")] public string CliPath { get; init; } = "gemini";

    /// <summary>Model ids starting with this go to Gemini CLI.</summary>
    [ConfigurationKeyName("GEMINI_MODEL_PREFIX")] public string ModelPrefix { get; init; } = "gemini-";

    /// <summary>
    /// The model used for the prefix alias (<c>gemini-default</c>): always a concrete model, because
    /// Gemini CLI's own default <c>auto</c> costs a router call per prompt (docs/cli/REPORT.md §2).
    /// </summary>
    [ConfigurationKeyName("GEMINI_MODEL")] public string DefaultModel { get; init; } = "gemini-2.5-flash";

    /// <summary>Comma-separated ids listed by /v1/models. Any id with the prefix is accepted and handed to the CLI.</summary>
    [ConfigurationKeyName("GEMINI_MODELS")]
    public string Models { get; init; } = "gemini-default,gemini-2.5-pro,gemini-2.5-flash,gemini-2.5-flash-lite";
}
