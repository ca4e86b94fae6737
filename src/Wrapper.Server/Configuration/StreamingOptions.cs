namespace Wrapper.Server.Configuration;

/// <summary>Streaming settings. Keys are the environment variable names.</summary>
internal sealed record StreamingOptions
{
    /// <summary>
    /// Seconds of silence after which a <c>: keepalive</c> comment is sent. Node's fetch (Roo Code,
    /// Cline) gives up after 300 s without data, many proxies after 60 s.
    /// </summary>
    [ConfigurationKeyName("SSE_KEEPALIVE_INTERVAL")] public double KeepaliveIntervalSeconds { get; init; } = 30;

    /// <summary>Seconds before the first progress marker of a <c>-progress</c> model; each next waits twice as long.</summary>
    [ConfigurationKeyName("PROGRESS_INTERVAL")] public double ProgressIntervalSeconds { get; init; } = 2;

    public TimeSpan KeepaliveInterval => TimeSpan.FromSeconds(KeepaliveIntervalSeconds);
    public TimeSpan ProgressInterval => TimeSpan.FromSeconds(ProgressIntervalSeconds);
}
