using Microsoft.Extensions.Options;

namespace Wrapper.Server.RateLimiting;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        foreach (var (setting, value) in new[]
                 {
                     ("RATE_LIMIT_PER_MINUTE", options.PerMinute), ("RATE_LIMIT_CHAT_PER_MINUTE", options.ChatPerMinute),
                     ("RATE_LIMIT_DEBUG_PER_MINUTE", options.DebugPerMinute), ("RATE_LIMIT_AUTH_PER_MINUTE", options.AuthPerMinute),
                     ("RATE_LIMIT_SESSION_PER_MINUTE", options.SessionPerMinute), ("RATE_LIMIT_HEALTH_PER_MINUTE", options.HealthPerMinute),
                 })
            if (value < 1) errors.Add($"{setting} must be at least 1 (got {value}); set RATE_LIMIT_ENABLED=false to turn limits off.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
