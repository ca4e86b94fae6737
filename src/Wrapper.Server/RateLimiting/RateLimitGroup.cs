namespace Wrapper.Server.RateLimiting;

/// <summary>The endpoint groups that have a limit of their own; each is a policy of the limiter.</summary>
internal enum RateLimitGroup
{
    Default,
    Chat,
    Debug,
    Auth,
    Session,
    Health,
}

internal static class RateLimitGroups
{
    /// <summary>The group of a path, with or without the <c>/v1</c> prefix (the API routes are served both ways).</summary>
    public static RateLimitGroup Of(PathString path)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        if (value.Equals("/health", StringComparison.OrdinalIgnoreCase)) return RateLimitGroup.Health; // served at the root only
        if (value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        return value.ToLowerInvariant() switch
        {
            "/chat/completions" => RateLimitGroup.Chat,
            "/debug/request" => RateLimitGroup.Debug,
            "/auth/status" => RateLimitGroup.Auth,
            var other when other == "/sessions" || other.StartsWith("/sessions/", StringComparison.Ordinal) => RateLimitGroup.Session,
            _ => RateLimitGroup.Default,
        };
    }
}
