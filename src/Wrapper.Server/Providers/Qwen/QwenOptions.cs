namespace Wrapper.Server.Providers.Qwen;

/// <summary>Qwen Code settings. Keys are the environment variable names.</summary>
internal sealed record QwenOptions
{
    /// <summary>A path, or a command name looked up on PATH and in ./node_modules/.bin.</summary>
    [ConfigurationKeyName("QWEN_CLI_PATH")] public string CliPath { get; init; } = "qwen";

    /// <summary>Model ids starting with this go to Qwen Code.</summary>
    [ConfigurationKeyName("QWEN_MODEL_PREFIX")] public string ModelPrefix { get; init; } = "qwen-";

    /// <summary>The model for the prefix alias (<c>qwen-default</c>) when OPENAI_MODEL is not set.</summary>
    [ConfigurationKeyName("QWEN_MODEL")] public string DefaultModel { get; init; } = "qwen3-coder-plus";

    /// <summary>Comma-separated ids listed by /v1/models. Any id with the prefix is accepted and handed to the CLI.</summary>
    [ConfigurationKeyName("QWEN_MODELS")]
    public string Models { get; init; } = "qwen-default,qwen-coder-plus,qwen-max,qwen-plus";
}
