namespace Wrapper.Server.Tools.Web;

/// <summary>Web search and page fetching inside a turn. Keys are environment variable names.</summary>
internal sealed record WebToolsOptions
{
    /// <summary>
    /// <c>chat</c>: offered to requests that bring no tools of their own (a chat question about a URL
    /// or today's news); <c>always</c>: to agent requests too, next to the client's tools; <c>off</c>: never.
    /// </summary>
    [ConfigurationKeyName("WEB_TOOLS")] public string Mode { get; init; } = "chat";

    /// <summary>Largest page body read, in bytes (2 MiB); a longer page is cut there.</summary>
    [ConfigurationKeyName("WEB_FETCH_MAX_BYTES")] public int MaxBytes { get; init; } = 2_097_152;

    /// <summary>Most characters of a page's text handed to the model (a page longer than that is cut, and says so).</summary>
    [ConfigurationKeyName("WEB_FETCH_MAX_CHARS")] public int MaxChars { get; init; } = 50_000;

    /// <summary>How long a page may take to arrive, headers and body, in milliseconds.</summary>
    [ConfigurationKeyName("WEB_FETCH_TIMEOUT")] public int TimeoutMs { get; init; } = 15_000;

    /// <summary>Redirects followed per fetch (each target checked again).</summary>
    [ConfigurationKeyName("WEB_FETCH_MAX_REDIRECTS")] public int MaxRedirects { get; init; } = 5;

    /// <summary>Allow pages on loopback, private and link-local addresses (off: a model could reach inside services).</summary>
    [ConfigurationKeyName("WEB_FETCH_ALLOW_PRIVATE")] public bool AllowPrivate { get; init; }

    public WebToolsMode ParsedMode => Mode.Trim().ToLowerInvariant() switch
    {
        "always" => WebToolsMode.Always,
        "off" => WebToolsMode.Off,
        _ => WebToolsMode.Chat,
    };
}

internal enum WebToolsMode
{
    Chat,
    Always,
    Off,
}
