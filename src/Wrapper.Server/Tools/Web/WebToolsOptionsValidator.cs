using Wrapper.Server.Configuration;

namespace Wrapper.Server.Tools.Web;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class WebToolsOptionsValidator() : OptionsValidator<WebToolsOptions>(
    Fail(o => o.Mode.Trim().ToLowerInvariant() is not ("chat" or "always" or "off"), o => $"WEB_TOOLS must be chat, always or off (got '{o.Mode}')."),
    Fail(o => o.MaxBytes < 1024, o => $"WEB_FETCH_MAX_BYTES must be at least 1024 (got {o.MaxBytes})."),
    Fail(o => o.MaxChars < 100, o => $"WEB_FETCH_MAX_CHARS must be at least 100 (got {o.MaxChars})."),
    Fail(o => o.TimeoutMs <= 0, o => $"WEB_FETCH_TIMEOUT must be a positive number of milliseconds (got {o.TimeoutMs})."),
    Fail(o => o.MaxRedirects is < 0 or > 20, o => $"WEB_FETCH_MAX_REDIRECTS must be between 0 and 20 (got {o.MaxRedirects})."));
