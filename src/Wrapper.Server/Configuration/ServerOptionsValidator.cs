namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ServerOptionsValidator() : OptionsValidator<ServerOptions>(
    Fail(o => o.Port is < 0 or > 65535, o => $"PORT must be between 0 and 65535 (got {o.Port})."),
    NotEmpty(o => o.Host, "HOST must not be empty (use 127.0.0.1, 0.0.0.0 or an address of this machine)."),
    Fail(o => !string.IsNullOrWhiteSpace(o.Host) && o.Host != "localhost" && !System.Net.IPAddress.TryParse(o.Host, out _),
        o => $"HOST must be an IP address or 'localhost' (got '{o.Host}')."),
    Fail(o => o.MaxRequestBodyBytes < 1024, _ => "MAX_REQUEST_BODY_BYTES must be at least 1024."));
