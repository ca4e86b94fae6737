namespace Wrapper.Server.Providers.Qwen;

/// <summary>Qwen Code settings: <c>QWEN_CLI_PATH</c>, <c>QWEN_MODEL_PREFIX</c>, <c>QWEN_MODELS</c> (see <see cref="CliOptions"/>) and:</summary>
internal sealed record QwenOptions() : CliOptions("QWEN", "qwen", "qwen-", "qwen-default,qwen-coder-plus,qwen-max,qwen-plus")
{
    /// <summary><c>QWEN_MODEL</c>: the model for the prefix alias (<c>qwen-default</c>) when OPENAI_MODEL is not set.</summary>
    [ConfigurationKeyName("MODEL")] public string DefaultModel { get; init; } = "qwen3-coder-plus";

    public override string CliModel(string model) => IsDefaultAlias(model) ? DefaultModel : model;
}
