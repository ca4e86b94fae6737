namespace Wrapper.Server.RateLimiting;

/// <summary>The endpoint groups that have a limit of their own; each is a policy of the limiter.</summary>
internal enum RateLimitGroup
{
    Default,
    Chat,
    Debug,
    /// <summary>Failed API key attempts (no route: a request with the right key never counts here).</summary>
    Auth,
    Session,
    Health,
    /// <summary>A CLI's call to the gateway's own MCP endpoint: never limited.</summary>
    Cli,
}

internal static class RateLimitGroups
{
    /// <summary>
    /// The group of a path, with or without the <c>/v1</c> prefix (the API routes are served both
    /// ways). <c>/v1/auth/status</c> is an ordinary route: RATE_LIMIT_AUTH_PER_MINUTE counts only
    /// failed keys, so that checking the status can never lock a client out.
    /// </summary>
    public static RateLimitGroup Of(PathString path)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        if (value.Equals("/health", StringComparison.OrdinalIgnoreCase)) return RateLimitGroup.Health; // served at the root only
        if (value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        return value.ToLowerInvariant() switch
        {
            "/chat/completions" or "/messages" => RateLimitGroup.Chat,
            "/debug/request" => RateLimitGroup.Debug,
            var other when other == "/sessions" || other.StartsWith("/sessions/", StringComparison.Ordinal) => RateLimitGroup.Session,
            _ => RateLimitGroup.Default,
        };
    }
}
