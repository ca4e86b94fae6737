using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

internal sealed class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        var errors = new List<string>();
        if (options.MaxTimeoutMs <= 0) errors.Add($"MAX_TIMEOUT must be a positive number of milliseconds (got {options.MaxTimeoutMs}).");
        if (options.InactivityTimeoutMs <= 0) errors.Add($"INACTIVITY_TIMEOUT must be a positive number of milliseconds (got {options.InactivityTimeoutMs}).");
        if (options.KillGracePeriodMs < 0) errors.Add($"KILL_GRACE_PERIOD must be zero or more milliseconds (got {options.KillGracePeriodMs}).");
        if (options.ShutdownGracePeriodMs < 0) errors.Add($"SHUTDOWN_GRACE_PERIOD must be zero or more milliseconds (got {options.ShutdownGracePeriodMs}).");
        if (options.UpstreamMaxRetries is < 0 or > 10) errors.Add($"UPSTREAM_MAX_RETRIES must be between 0 and 10 (got {options.UpstreamMaxRetries}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
