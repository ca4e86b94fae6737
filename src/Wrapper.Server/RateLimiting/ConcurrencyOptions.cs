namespace Wrapper.Server.RateLimiting;

/// <summary>
/// How many CLI processes may run at once (each takes 250-300 MB), how many requests may wait for
/// one and for how long, and one client's share while others wait. Keys are the
/// environment variable names; 0 means the machine-sized default.
/// </summary>
internal sealed record ConcurrencyOptions
{
    /// <summary>
    /// 0: max(4, 2 × processor count). A running CLI mostly waits on the model's API, so it needs
    /// little CPU once started; its start-up (0.6-2.5 s of one core) and its memory are what limit,
    /// so a slot per half core keeps starts from crowding out the streams already running.
    /// </summary>
    [ConfigurationKeyName("MAX_CONCURRENT_REQUESTS")] public int MaxConcurrentRequests { get; init; }
    /// <summary>0: eight times the concurrent runs, so a few agents' parallel bursts (8 at a time each) wait instead of being refused.</summary>
    [ConfigurationKeyName("MAX_QUEUED_REQUESTS")] public int MaxQueuedRequests { get; init; }
    /// <summary>Seconds a request may wait in the queue before a 503.</summary>
    [ConfigurationKeyName("QUEUE_TIMEOUT")] public int QueueTimeoutSeconds { get; init; } = 30;
    /// <summary>0: half the concurrent runs (at least 1). Applies only while other clients wait: a client alone uses every slot.</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_PER_IP")] public int MaxConcurrentPerIp { get; init; }

    public int ResolvedConcurrent => MaxConcurrentRequests > 0 ? MaxConcurrentRequests : Math.Max(4, 2 * Environment.ProcessorCount);
    public int ResolvedQueued => MaxQueuedRequests > 0 ? MaxQueuedRequests : 8 * ResolvedConcurrent;
    public int ResolvedPerIp => MaxConcurrentPerIp > 0 ? MaxConcurrentPerIp : Math.Max(1, ResolvedConcurrent / 2);
}
