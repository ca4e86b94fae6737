using Microsoft.Extensions.Options;

namespace Wrapper.Server.Security;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options)
    {
        var errors = new List<string>();
        if (options.MaxMessages < 1) errors.Add($"MAX_MESSAGES must be at least 1 (got {options.MaxMessages}).");
        if (options.MaxHeaderBytes < 4096) errors.Add($"MAX_HEADER_BYTES must be at least 4096 (got {options.MaxHeaderBytes}).");
        if (!CorsOrigins.TryParse(options.CorsOrigins, out _))
            errors.Add($"CORS_ORIGINS must be a JSON array of origins or a comma-separated list (got '{options.CorsOrigins}').");
        if (Security.AllowedHosts.Create(options.AllowedHosts, "127.0.0.1") is null)
            errors.Add($"ALLOWED_HOSTS must be comma-separated host names (gw.example.com, *.example.com) or * (got '{options.AllowedHosts}').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
