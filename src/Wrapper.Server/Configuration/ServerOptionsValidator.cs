using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535) errors.Add($"PORT must be between 0 and 65535 (got {options.Port}).");
        if (string.IsNullOrWhiteSpace(options.Host)) errors.Add("HOST must not be empty (use 127.0.0.1, 0.0.0.0 or an address of this machine).");
        else if (options.Host != "localhost" && !System.Net.IPAddress.TryParse(options.Host, out _))
            errors.Add($"HOST must be an IP address or 'localhost' (got '{options.Host}').");
        if (options.MaxRequestBodyBytes < 1024) errors.Add("MAX_REQUEST_BODY_BYTES must be at least 1024.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
