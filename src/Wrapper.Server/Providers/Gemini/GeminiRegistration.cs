namespace Wrapper.Server.Providers.Gemini;

/// <summary>Gemini CLI as a plug-in: a probe gets a scratch GEMINI_CLI_HOME and no relaunch of itself.</summary>
internal static class GeminiRegistration
{
    public static readonly CliPlugin Plugin = new()
    {
        Name = GeminiProvider.ProviderName,
        OwnedBy = "gemini-cli",
        PrefixSettings = ["GEMINI_MODEL_PREFIX"],
        SecretVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        ProbeEnvironment = home => new Dictionary<string, string>
        {
            ["GEMINI_CLI_HOME"] = home,
            ["GEMINI_CLI_NO_RELAUNCH"] = "true",
        },
    };

    public static IServiceCollection AddGemini(this IServiceCollection services) =>
        services.AddCliPlugin<GeminiProvider, GeminiOptions, GeminiOptionsValidator>(Plugin);
}
