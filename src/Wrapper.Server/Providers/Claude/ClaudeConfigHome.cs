namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// A request's own Claude Code configuration folder (<c>CLAUDE_CONFIG_DIR</c>) in its sandbox, so that
/// nothing of the operator's <c>~/.claude</c> applies (settings, hooks, plugins, memory files) and
/// nothing is written there (<c>.claude.json</c>, backups, session-env). The user's OAuth login is
/// copied in, never linked: Claude Code writes its credentials file in place, and an MCP server that
/// answers 401 makes it add an <c>mcpOAuth</c> entry; through a link that would land in the
/// operator's file. <see cref="ClaudeLoginWriteBack"/> carries a refreshed login back, nothing else.
/// </summary>
internal static class ClaudeConfigHome
{
    public const string LoginFile = ".credentials.json";

    /// <summary>The operator's own folder: <c>CLAUDE_CONFIG_DIR</c> if set, else <c>~/.claude</c>.</summary>
    public static string? RealDirectory(IConfiguration configuration) =>
        configuration["CLAUDE_CONFIG_DIR"] is { Length: > 0 } configured ? configured
        : configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, ".claude")
        : null;

    /// <summary>Creates the request's folder under <paramref name="sandboxHome"/>, with the login if there is one.</summary>
    public static (string Directory, IDisposable? WriteBack) Create(string sandboxHome, string? realDirectory)
    {
        var directory = CliHome.Directory(sandboxHome, ".claude");
        if (string.IsNullOrEmpty(realDirectory)) return (directory, null);
        var realFile = Path.Combine(realDirectory, LoginFile);
        string login;
        try { login = File.ReadAllText(realFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (directory, null); } // no login: API keys
        var requestFile = Path.Combine(directory, LoginFile);
        CliHome.WriteFile(requestFile, login);
        return (directory, new ClaudeLoginWriteBack(requestFile, realFile, login));
    }
}
