using Wrapper.Server.Configuration;

namespace Wrapper.Server.Security;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class SecurityOptionsValidator() : OptionsValidator<SecurityOptions>(
    Fail(o => o.ApiKey is { Length: > 0 and < 16 }, _ => "API_KEY must be at least 16 characters long (or unset to run open)."),
    Fail(o => !TrustedProxies.TryParse(o.TrustedProxies, out _, out _),
        o => $"TRUSTED_PROXIES must be comma-separated IP addresses (got '{BadProxy(o.TrustedProxies)}')."))
{
    private static string? BadProxy(string? value) => TrustedProxies.TryParse(value, out _, out var bad) ? null : bad;
}
