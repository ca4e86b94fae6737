namespace Wrapper.Server.Providers.Gemini;

/// <summary>Gemini CLI settings: <c>GEMINI_CLI_PATH</c>, <c>GEMINI_MODEL_PREFIX</c>, <c>GEMINI_MODELS</c> (see <see cref="CliOptions"/>) and:</summary>
internal sealed record GeminiOptions() : CliOptions("GEMINI", "gemini", "gemini-",
    "gemini-default,gemini-2.5-pro,gemini-2.5-flash,gemini-2.5-flash-lite")
{
    /// <summary>
    /// <c>GEMINI_MODEL</c>: the model used for the prefix alias (<c>gemini-default</c>): always a concrete
    /// model, because Gemini CLI's own default <c>auto</c> costs a router call per prompt (docs/cli/REPORT.md §2).
    /// </summary>
    [ConfigurationKeyName("MODEL")] public string DefaultModel { get; init; } = "gemini-2.5-flash";

    public override string CliModel(string model) => IsDefaultAlias(model) ? DefaultModel : model;
}
