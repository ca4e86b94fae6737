namespace Wrapper.Server.Providers.Codex;

/// <summary>Codex as a plug-in: a probe (version, model catalogue) gets a scratch CODEX_HOME.</summary>
internal static class CodexRegistration
{
    public static readonly CliPlugin Plugin = new()
    {
        Name = CodexProvider.ProviderName,
        OwnedBy = "codex",
        PrefixSettings = ["CODEX_MODEL_PREFIX", "CODEX_ROUTING_PREFIX"],
        SecretVariables = ["OPENAI_API_KEY"],
        ProbeEnvironment = home => new Dictionary<string, string>
        {
            ["CODEX_HOME"] = CliHome.Directory(home, ".codex"),
        },
        WarmByDefault = true,
    };

    public static IServiceCollection AddCodex(this IServiceCollection services) =>
        services.AddCliPlugin<CodexProvider, CodexOptions, CodexOptionsValidator>(Plugin)
            .AddSingleton<ICliModelReporter, CodexModelCatalog>();
}
