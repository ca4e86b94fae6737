using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535) errors.Add($"PORT must be between 0 and 65535 (got {options.Port}).");
        if (string.IsNullOrWhiteSpace(options.Host)) errors.Add("HOST must not be empty (use 127.0.0.1, 0.0.0.0 or an address of this machine).");
        else if (options.Host != "localhost" && !System.Net.IPAddress.TryParse(options.Host, out _))
            errors.Add($"HOST must be an IP address or 'localhost' (got '{options.Host}').");
        if (options.MaxRequestBodyBytes < 1024) errors.Add("MAX_REQUEST_BODY_BYTES must be at least 1024.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

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

internal sealed class StreamingOptionsValidator : IValidateOptions<StreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamingOptions options)
    {
        var errors = new List<string>();
        if (options.KeepaliveIntervalSeconds <= 0) errors.Add($"SSE_KEEPALIVE_INTERVAL must be a positive number of seconds (got {options.KeepaliveIntervalSeconds}).");
        if (options.ProgressIntervalSeconds <= 0) errors.Add($"PROGRESS_INTERVAL must be a positive number of seconds (got {options.ProgressIntervalSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class CleanupOptionsValidator : IValidateOptions<CleanupOptions>
{
    public ValidateOptionsResult Validate(string? name, CleanupOptions options) =>
        options.CleanupDelayMinutes >= 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"CLEANUP_DELAY_MINUTES must be zero or more minutes (got {options.CleanupDelayMinutes}).");
}
