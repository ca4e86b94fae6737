namespace Wrapper.Server.Security;

/// <summary>Who may use the gateway and which peers may speak for a client. Keys are the environment variable names.</summary>
internal sealed record SecurityOptions
{
    /// <summary>When set, every route but <c>/health</c> needs <c>Authorization: Bearer KEY</c> or <c>x-api-key: KEY</c>.</summary>
    [ConfigurationKeyName("API_KEY")] public string? ApiKey { get; init; }

    /// <summary>Comma-separated proxy addresses whose <c>X-Forwarded-For</c> is believed; nobody's by default.</summary>
    [ConfigurationKeyName("TRUSTED_PROXIES")] public string? TrustedProxies { get; init; }

    public bool KeyRequired => !string.IsNullOrEmpty(ApiKey);
}
