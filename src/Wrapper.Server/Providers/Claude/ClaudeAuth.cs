namespace Wrapper.Server.Providers.Claude;

/// <summary>Which credentials Claude Code would use, by name only.</summary>
internal static class ClaudeAuth
{
    private static readonly string[] Variables =
        ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"];

    /// <summary>Claude Code's own order: the environment first, then the login in ~/.claude (or CLAUDE_CONFIG_DIR).</summary>
    public static string Source(IConfiguration configuration)
    {
        if (Variables.FirstOrDefault(name => configuration[name] is { Length: > 0 }) is { } variable) return variable;
        var directory = configuration["CLAUDE_CONFIG_DIR"] is { Length: > 0 } configDirectory
            ? configDirectory
            : configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, ".claude") : null;
        return CliHome.HasLogin(directory, ".credentials.json") ? "oauth login in ~/.claude" : "none";
    }
}
