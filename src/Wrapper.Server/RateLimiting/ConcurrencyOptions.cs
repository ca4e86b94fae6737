namespace Wrapper.Server.RateLimiting;

/// <summary>
/// How many CLI processes may run at once (each takes 250-300 MB), how many requests may wait for
/// one and for how long, and one client's share. Keys are the environment variable names; 0 means
/// the machine-sized default.
/// </summary>
internal sealed record ConcurrencyOptions
{
    /// <summary>0: max(4, processor count). The CLIs mostly wait on the model's API, so a small machine still runs a few.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_REQUESTS")] public int MaxConcurrentRequests { get; init; }
    /// <summary>0: twice the concurrent runs.</summary>
    [ConfigurationKeyName("MAX_QUEUED_REQUESTS")] public int MaxQueuedRequests { get; init; }
    /// <summary>Seconds a request may wait in the queue before a 503.</summary>
    [ConfigurationKeyName("QUEUE_TIMEOUT")] public int QueueTimeoutSeconds { get; init; } = 30;
    /// <summary>0: half the concurrent runs (at least 1).</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_PER_IP")] public int MaxConcurrentPerIp { get; init; }

    public int ResolvedConcurrent => MaxConcurrentRequests > 0 ? MaxConcurrentRequests : Math.Max(4, Environment.ProcessorCount);
    public int ResolvedQueued => MaxQueuedRequests > 0 ? MaxQueuedRequests : 2 * ResolvedConcurrent;
    public int ResolvedPerIp => MaxConcurrentPerIp > 0 ? MaxConcurrentPerIp : Math.Max(1, ResolvedConcurrent / 2);
}
