namespace Wrapper.Server.RateLimiting;

/// <summary>Requests per client address per one-minute window, by endpoint group. Keys are the environment variable names.</summary>
internal sealed record RateLimitOptions
{
    [ConfigurationKeyName("RATE_LIMIT_ENABLED")] public bool Enabled { get; init; } = true;
    /// <summary>Routes without a group of their own (models, unknown paths).</summary>
    [ConfigurationKeyName("RATE_LIMIT_PER_MINUTE")] public int PerMinute { get; init; } = 30;
    [ConfigurationKeyName("RATE_LIMIT_CHAT_PER_MINUTE")] public int ChatPerMinute { get; init; } = 10;
    [ConfigurationKeyName("RATE_LIMIT_DEBUG_PER_MINUTE")] public int DebugPerMinute { get; init; } = 2;
    /// <summary><c>/v1/auth/status</c> and failed API key attempts.</summary>
    [ConfigurationKeyName("RATE_LIMIT_AUTH_PER_MINUTE")] public int AuthPerMinute { get; init; } = 10;
    /// <summary>Reserved for the session routes (<c>/v1/sessions...</c>).</summary>
    [ConfigurationKeyName("RATE_LIMIT_SESSION_PER_MINUTE")] public int SessionPerMinute { get; init; } = 15;
    [ConfigurationKeyName("RATE_LIMIT_HEALTH_PER_MINUTE")] public int HealthPerMinute { get; init; } = 30;

    public int Limit(RateLimitGroup group) => group switch
    {
        RateLimitGroup.Chat => ChatPerMinute,
        RateLimitGroup.Debug => DebugPerMinute,
        RateLimitGroup.Auth => AuthPerMinute,
        RateLimitGroup.Session => SessionPerMinute,
        RateLimitGroup.Health => HealthPerMinute,
        _ => PerMinute,
    };
}
