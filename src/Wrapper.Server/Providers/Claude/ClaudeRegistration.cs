namespace Wrapper.Server.Providers.Claude;

/// <summary>Claude Code as a plug-in: its keys (and Bedrock's AWS credentials) are secrets; a probe gets a scratch ~/.claude; its aliases are asked of the CLI.</summary>
internal static class ClaudeRegistration
{
    public static readonly CliPlugin Plugin = new()
    {
        Name = ClaudeProvider.ProviderName,
        OwnedBy = "claude-code",
        PrefixSettings = ["CLAUDE_MODEL_PREFIX"],
        SecretVariables = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK"],
        ProbeEnvironment = home => new Dictionary<string, string>
        {
            ["CLAUDE_CONFIG_DIR"] = CliHome.Directory(home, ".claude"),
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        },
        WarmByDefault = true,
    };

    public static IServiceCollection AddClaude(this IServiceCollection services) =>
        services.AddCliPlugin<ClaudeProvider, ClaudeOptions, ClaudeOptionsValidator>(Plugin)
            .AddSingleton<ICliModelReporter, ClaudeModelAliases>();
}
