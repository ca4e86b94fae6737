using Microsoft.Extensions.Options;

namespace Wrapper.Server.Security;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKey is { Length: > 0 and < 16 }) errors.Add("API_KEY must be at least 16 characters long (or unset to run open).");
        if (!TrustedProxies.TryParse(options.TrustedProxies, out _, out var bad))
            errors.Add($"TRUSTED_PROXIES must be comma-separated IP addresses (got '{bad}').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
