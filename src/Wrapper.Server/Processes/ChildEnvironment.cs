namespace Wrapper.Server.Processes;

/// <summary>
/// Builds a child's environment from an allow-list: only the names listed are copied from the
/// gateway's settings (environment variables and <c>.env</c>), so the gateway's own secrets (its API
/// key, unrelated cloud credentials) and variables that would silently reroute a CLI never reach it.
/// </summary>
internal sealed class ChildEnvironment(IConfiguration configuration)
{
    /// <summary>
    /// What every CLI needs to run at all: where programs are, whose home, which language, and the
    /// proxy that every one of them honours to reach its API.
    /// </summary>
    public static readonly IReadOnlyList<string> BaseNames =
    [
        "PATH", "HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "SYSTEMROOT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
        "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY",
    ];

    /// <summary>
    /// The allow-listed values, then <paramref name="overrides"/> (the provider's fixed switches and
    /// the sandbox paths), which win.
    /// </summary>
    public IReadOnlyDictionary<string, string> Build(IEnumerable<string> allowedNames, IReadOnlyDictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BaseNames.Concat(allowedNames))
        {
            if (Read(name) is { Length: > 0 } value) environment[name] = value;
        }
        foreach (var (name, value) in overrides) environment[name] = value;
        return environment;
    }

    private string? Read(string name) =>
        // Configuration holds both the process environment and .env (environment wins); fall back to the
        // raw environment for names that configuration keys would mangle (none today, but cheap).
        configuration[name] ?? Environment.GetEnvironmentVariable(name);
}
