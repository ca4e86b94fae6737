namespace Wrapper.Server.Security;

/// <summary>Limits on what one request may carry, and which browser origins may call. Keys are the environment variable names.</summary>
internal sealed record RequestLimitOptions
{
    /// <summary>Messages one chat request may carry; more is a 400 naming 'messages'.</summary>
    [ConfigurationKeyName("MAX_MESSAGES")] public int MaxMessages { get; init; } = 1000;

    /// <summary>Kestrel's limit on all request headers together (431 beyond it).</summary>
    [ConfigurationKeyName("MAX_HEADER_BYTES")] public int MaxHeaderBytes { get; init; } = 65536;

    /// <summary>
    /// Allowed browser origins: a JSON array (<c>["https://a.example"]</c>) or a comma-separated list;
    /// <c>*</c> for any, which takes effect only with API_KEY set (see <see cref="OriginCheck"/>).
    /// </summary>
    [ConfigurationKeyName("CORS_ORIGINS")] public string CorsOrigins { get; init; } = "[\"*\"]";

    /// <summary>Host names served besides localhost and loopback addresses (see <see cref="Security.AllowedHosts"/>); <c>*</c>: any.</summary>
    [ConfigurationKeyName("ALLOWED_HOSTS")] public string? AllowedHosts { get; init; }
}
