namespace Wrapper.Server.RateLimiting;

/// <summary>
/// Requests per client address per one-minute window, by endpoint group. Keys are the environment
/// variable names. The defaults let one agent run at full speed (a turn a second is 60
/// chat requests a minute, with room for the client's own extra calls) and still stop a flood from
/// any one address; the CLI slots (MAX_CONCURRENT_PER_IP) bound what runs at once.
/// </summary>
internal sealed record RateLimitOptions
{
    [ConfigurationKeyName("RATE_LIMIT_ENABLED")] public bool Enabled { get; init; } = true;
    /// <summary>Routes without a group of their own (models, auth status, unknown paths).</summary>
    [ConfigurationKeyName("RATE_LIMIT_PER_MINUTE")] public int PerMinute { get; init; } = 120;
    [ConfigurationKeyName("RATE_LIMIT_CHAT_PER_MINUTE")] public int ChatPerMinute { get; init; } = 120;
    [ConfigurationKeyName("RATE_LIMIT_DEBUG_PER_MINUTE")] public int DebugPerMinute { get; init; } = 10;
    /// <summary>Failed API key attempts only; a request with the right key never counts or waits.</summary>
    [ConfigurationKeyName("RATE_LIMIT_AUTH_PER_MINUTE")] public int AuthPerMinute { get; init; } = 10;
    /// <summary>Reserved for the session routes (<c>/v1/sessions...</c>).</summary>
    [ConfigurationKeyName("RATE_LIMIT_SESSION_PER_MINUTE")] public int SessionPerMinute { get; init; } = 15;
    [ConfigurationKeyName("RATE_LIMIT_HEALTH_PER_MINUTE")] public int HealthPerMinute { get; init; } = 120;

    public int Limit(RateLimitGroup group) => group switch
    {
        RateLimitGroup.Chat => ChatPerMinute,
        RateLimitGroup.Debug => DebugPerMinute,
        RateLimitGroup.Auth => AuthPerMinute,
        RateLimitGroup.Session => SessionPerMinute,
        RateLimitGroup.Health => HealthPerMinute,
        _ => PerMinute,
    };

    /// <summary>The setting that raises the limit of <paramref name="group"/> (named in every 429).</summary>
    public static string SettingFor(RateLimitGroup group) => group switch
    {
        RateLimitGroup.Chat => "RATE_LIMIT_CHAT_PER_MINUTE",
        RateLimitGroup.Debug => "RATE_LIMIT_DEBUG_PER_MINUTE",
        RateLimitGroup.Auth => "RATE_LIMIT_AUTH_PER_MINUTE",
        RateLimitGroup.Session => "RATE_LIMIT_SESSION_PER_MINUTE",
        RateLimitGroup.Health => "RATE_LIMIT_HEALTH_PER_MINUTE",
        _ => "RATE_LIMIT_PER_MINUTE",
    };
}
