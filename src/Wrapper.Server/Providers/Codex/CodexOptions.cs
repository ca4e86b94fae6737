namespace Wrapper.Server.Providers.Codex;

/// <summary>Codex settings: <c>CODEX_CLI_PATH</c>, <c>CODEX_MODEL_PREFIX</c>, <c>CODEX_MODELS</c> (see <see cref="CliOptions"/>) and:</summary>
internal sealed record CodexOptions() : CliOptions("CODEX", "codex", "gpt-", "gpt-5.1-codex,gpt-5.1-codex-mini,gpt-5.1")
{
    /// <summary>
    /// <c>CODEX_ROUTING_PREFIX</c>: model ids starting with this go to Codex with the prefix removed
    /// (<c>codex-gpt-5.1</c> → <c>gpt-5.1</c>); ids with <see cref="CliOptions.ModelPrefix"/> go as they are.
    /// </summary>
    [ConfigurationKeyName("ROUTING_PREFIX")] public string RoutingPrefix { get; init; } = "codex-";

    public override IReadOnlyList<string> ModelPrefixes => [ModelPrefix, RoutingPrefix];

    public override string CliModel(string model) =>
        model.StartsWith(RoutingPrefix, StringComparison.OrdinalIgnoreCase) ? model[RoutingPrefix.Length..] : model;
}
