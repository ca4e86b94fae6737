namespace Wrapper.Server.Configuration;

/// <summary>How model ids are routed. Keys are the environment variable names.</summary>
internal sealed record RoutingOptions
{
    /// <summary>
    /// Comma-separated <c>pattern=model</c> rules applied before routing (<c>*</c> and <c>?</c> as in
    /// file globs), e.g. <c>claude-haiku-*=gemini-2.5-flash,claude-opus-*=gpt-5.1-codex</c>. Empty: ids route as sent.
    /// </summary>
    [ConfigurationKeyName("MODEL_MAP")] public string? ModelMap { get; init; }
}
