namespace Wrapper.Server.Providers.Codex;

/// <summary>Codex settings. Keys are the environment variable names.</summary>
internal sealed record CodexOptions
{
    /// <summary>A path, or a command name looked up on PATH and in ./node_modules/.bin.</summary>
    [ConfigurationKeyName("CODEX_CLI_PATH")] public string CliPath { get; init; } = "codex";

    /// <summary>Model ids starting with this go to Codex as they are.</summary>
    [ConfigurationKeyName("CODEX_MODEL_PREFIX")] public string ModelPrefix { get; init; } = "gpt-";

    /// <summary>Model ids starting with this go to Codex with the prefix removed (<c>codex-gpt-5.1</c> → <c>gpt-5.1</c>).</summary>
    [ConfigurationKeyName("CODEX_ROUTING_PREFIX")] public string RoutingPrefix { get; init; } = "codex-";

    /// <summary>Comma-separated ids listed by /v1/models.</summary>
    [ConfigurationKeyName("CODEX_MODELS")]
    public string Models { get; init; } = "gpt-5.1-codex,gpt-5.1-codex-mini,gpt-5.1";
}
