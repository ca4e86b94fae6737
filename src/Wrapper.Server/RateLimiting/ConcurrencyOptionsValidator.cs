using Microsoft.Extensions.Options;

namespace Wrapper.Server.RateLimiting;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ConcurrencyOptionsValidator : IValidateOptions<ConcurrencyOptions>
{
    public ValidateOptionsResult Validate(string? name, ConcurrencyOptions options)
    {
        var errors = new List<string>();
        if (options.MaxConcurrentRequests < 0) errors.Add($"MAX_CONCURRENT_REQUESTS must be 0 (sized to the machine) or more (got {options.MaxConcurrentRequests}).");
        if (options.MaxQueuedRequests < 0) errors.Add($"MAX_QUEUED_REQUESTS must be 0 (eight times MAX_CONCURRENT_REQUESTS) or more (got {options.MaxQueuedRequests}).");
        if (options.MaxConcurrentPerIp < 0) errors.Add($"MAX_CONCURRENT_PER_IP must be 0 (half of MAX_CONCURRENT_REQUESTS) or more (got {options.MaxConcurrentPerIp}).");
        if (options.QueueTimeoutSeconds is < 1 or > 3600) errors.Add($"QUEUE_TIMEOUT must be between 1 and 3600 seconds (got {options.QueueTimeoutSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
