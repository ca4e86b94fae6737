namespace Wrapper.Server.Api.Contracts;

/// <summary><c>GET /v1/auth/status</c>: one entry per provider.</summary>
internal sealed record AuthStatus(IReadOnlyList<ProviderStatus> Providers);

/// <summary>
/// A provider's CLI: where it is looked for, whether it was found, its version, and which credentials
/// it would use (a variable's name, "oauth login in ~/.x" or "none"; never a secret).
/// </summary>
internal sealed record ProviderStatus(string Provider, string CliPath, bool Found, string? Version, string Auth)
{
    /// <summary>When the CLI's stored login expires, where its credentials file tells (ISO 8601); omitted otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LoginExpiresAt { get; init; }

    /// <summary>True when that time has passed: log in to that CLI again (the error names how).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? LoginExpired { get; init; }

    /// <summary>The CLI's own web search that WEB_TOOLS turns on and where it runs, or "none: why" (every CLI also gets the gateway's web_fetch).</summary>
    public string WebSearch { get; init; } = "none";
}
