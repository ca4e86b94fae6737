namespace Wrapper.Server.Configuration;

/// <summary>Where the gateway listens and what it accepts. Keys are the environment variable names.</summary>
internal sealed record ServerOptions
{
    [ConfigurationKeyName("HOST")] public string Host { get; init; } = "127.0.0.1";
    [ConfigurationKeyName("PORT")] public int Port { get; init; } = 8000;

    /// <summary>Large enough for 20 images of 3.75 MB each, base64-encoded, plus a long conversation.</summary>
    [ConfigurationKeyName("MAX_REQUEST_BODY_BYTES")] public long MaxRequestBodyBytes { get; init; } = 100L * 1024 * 1024;
}
