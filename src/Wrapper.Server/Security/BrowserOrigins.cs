using Microsoft.Extensions.Options;

namespace Wrapper.Server.Security;

/// <summary>The web origins that may call, from CORS_ORIGINS: the listed ones, and any when <c>*</c> is listed and API_KEY is set.</summary>
internal sealed record BrowserOrigins(IReadOnlyList<string> Listed, bool AnyOrigin, bool KeyRequired)
{
    public static BrowserOrigins From(IServiceProvider services)
    {
        CorsOrigins.TryParse(services.GetRequiredService<IOptions<RequestLimitOptions>>().Value.CorsOrigins, out var origins);
        var keyRequired = services.GetRequiredService<IOptions<SecurityOptions>>().Value.KeyRequired;
        return new BrowserOrigins([.. origins.Where(o => o != "*")], keyRequired && CorsOrigins.AllowsAny(origins), keyRequired);
    }

    public bool Allows(string origin) =>
        AnyOrigin || Listed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
}
