using Wrapper.Server.Configuration;

namespace Wrapper.Server.RateLimiting;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ConcurrencyOptionsValidator() : OptionsValidator<ConcurrencyOptions>(
    Fail(o => o.MaxConcurrentRequests < 0, o => $"MAX_CONCURRENT_REQUESTS must be 0 (sized to the machine) or more (got {o.MaxConcurrentRequests})."),
    Fail(o => o.MaxQueuedRequests < 0, o => $"MAX_QUEUED_REQUESTS must be 0 (eight times MAX_CONCURRENT_REQUESTS) or more (got {o.MaxQueuedRequests})."),
    Fail(o => o.MaxConcurrentPerIp < 0, o => $"MAX_CONCURRENT_PER_IP must be 0 (half of MAX_CONCURRENT_REQUESTS) or more (got {o.MaxConcurrentPerIp})."),
    Fail(o => o.QueueTimeoutSeconds is < 1 or > 3600, o => $"QUEUE_TIMEOUT must be between 1 and 3600 seconds (got {o.QueueTimeoutSeconds})."));
