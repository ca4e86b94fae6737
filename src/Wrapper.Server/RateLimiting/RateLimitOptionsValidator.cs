using Wrapper.Server.Configuration;

namespace Wrapper.Server.RateLimiting;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class RateLimitOptionsValidator() : OptionsValidator<RateLimitOptions>(
    AtLeastOne("RATE_LIMIT_PER_MINUTE", o => o.PerMinute),
    AtLeastOne("RATE_LIMIT_CHAT_PER_MINUTE", o => o.ChatPerMinute),
    AtLeastOne("RATE_LIMIT_DEBUG_PER_MINUTE", o => o.DebugPerMinute),
    AtLeastOne("RATE_LIMIT_AUTH_PER_MINUTE", o => o.AuthPerMinute),
    AtLeastOne("RATE_LIMIT_SESSION_PER_MINUTE", o => o.SessionPerMinute),
    AtLeastOne("RATE_LIMIT_HEALTH_PER_MINUTE", o => o.HealthPerMinute))
{
    private static OptionsRule<RateLimitOptions> AtLeastOne(string setting, Func<RateLimitOptions, int> value) => Fail(o => value(o) < 1,
        o => $"{setting} must be at least 1 (got {value(o)}); set RATE_LIMIT_ENABLED=false to turn limits off.");
}
