namespace Wrapper.Server.Providers.Qwen;

/// <summary>Qwen Code as a plug-in: a probe gets a scratch QWEN_HOME and no relaunch of itself.</summary>
internal static class QwenRegistration
{
    public static readonly CliPlugin Plugin = new()
    {
        Name = QwenProvider.ProviderName,
        OwnedBy = "qwen-code",
        PrefixSettings = ["QWEN_MODEL_PREFIX"],
        SecretVariables = ["OPENAI_API_KEY"],
        ProbeEnvironment = home => new Dictionary<string, string>
        {
            ["QWEN_HOME"] = CliHome.Directory(home, ".qwen"),
            ["QWEN_CODE_NO_RELAUNCH"] = "true",
        },
    };

    public static IServiceCollection AddQwen(this IServiceCollection services) =>
        services.AddCliPlugin<QwenProvider, QwenOptions, QwenOptionsValidator>(Plugin);
}
