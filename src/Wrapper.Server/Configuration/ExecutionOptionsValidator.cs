namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ExecutionOptionsValidator() : OptionsValidator<ExecutionOptions>(
    Fail(o => o.MaxTimeoutMs <= 0, o => $"MAX_TIMEOUT must be a positive number of milliseconds (got {o.MaxTimeoutMs})."),
    Fail(o => o.InactivityTimeoutMs <= 0, o => $"INACTIVITY_TIMEOUT must be a positive number of milliseconds (got {o.InactivityTimeoutMs})."),
    Fail(o => o.KillGracePeriodMs < 0, o => $"KILL_GRACE_PERIOD must be zero or more milliseconds (got {o.KillGracePeriodMs})."),
    Fail(o => o.ShutdownGracePeriodMs < 0, o => $"SHUTDOWN_GRACE_PERIOD must be zero or more milliseconds (got {o.ShutdownGracePeriodMs})."),
    Fail(o => o.UpstreamMaxRetries is < 0 or > 10, o => $"UPSTREAM_MAX_RETRIES must be between 0 and 10 (got {o.UpstreamMaxRetries})."));
