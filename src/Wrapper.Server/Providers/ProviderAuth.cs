namespace Wrapper.Server.Providers;

/// <summary>Which credentials a provider's CLI would use, by name only.</summary>
internal static class ProviderAuth
{
    private static readonly string[] ClaudeVariables =
        ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"];

    public static string Describe(ICliProvider provider, IConfiguration configuration) => provider switch
    {
        ICliAuthReporter reporter => reporter.AuthSource(),
        { Name: "claude" } => Claude(configuration),
        _ => "unknown",
    };

    /// <summary>Claude Code's own order: the environment first, then the login in ~/.claude (or CLAUDE_CONFIG_DIR).</summary>
    private static string Claude(IConfiguration configuration)
    {
        if (ClaudeVariables.FirstOrDefault(name => configuration[name] is { Length: > 0 }) is { } variable) return variable;
        var directory = configuration["CLAUDE_CONFIG_DIR"] is { Length: > 0 } configDirectory
            ? configDirectory
            : configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, ".claude") : null;
        return CliHome.HasLogin(directory, ".credentials.json") ? "oauth login in ~/.claude" : "none";
    }
}
