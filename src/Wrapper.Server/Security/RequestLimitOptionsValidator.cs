using Wrapper.Server.Configuration;

namespace Wrapper.Server.Security;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class RequestLimitOptionsValidator() : OptionsValidator<RequestLimitOptions>(
    Fail(o => o.MaxMessages < 1, o => $"MAX_MESSAGES must be at least 1 (got {o.MaxMessages})."),
    Fail(o => o.MaxHeaderBytes < 4096, o => $"MAX_HEADER_BYTES must be at least 4096 (got {o.MaxHeaderBytes})."),
    Fail(o => !CorsOrigins.TryParse(o.CorsOrigins, out _),
        o => $"CORS_ORIGINS must be a JSON array of origins or a comma-separated list (got '{o.CorsOrigins}')."),
    Fail(o => AllowedHosts.Create(o.AllowedHosts, "127.0.0.1") is null,
        o => $"ALLOWED_HOSTS must be comma-separated host names (gw.example.com, *.example.com) or * (got '{o.AllowedHosts}')."));
