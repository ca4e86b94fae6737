namespace Wrapper.Server.Images;

/// <summary>Image limits (the seed's numbers). Keys are environment variable names.</summary>
internal sealed record ImageOptions
{
    /// <summary>New images (after the last assistant message) one request may carry.</summary>
    [ConfigurationKeyName("MAX_IMAGES")] public int MaxImages { get; init; } = 20;

    /// <summary>Largest image in bytes (3.75 MiB): as sent (after base64 decoding), and again once converted to PNG.</summary>
    [ConfigurationKeyName("MAX_IMAGE_BYTES")] public int MaxImageBytes { get; init; } = 3_932_160;

    /// <summary>Largest width × height, checked from the header before anything decodes.</summary>
    [ConfigurationKeyName("MAX_IMAGE_PIXELS")] public long MaxImagePixels { get; init; } = 40_000_000;

    /// <summary>Largest total width × height of the images one request needs converted (decoded), checked from the headers before decoding.</summary>
    [ConfigurationKeyName("MAX_IMAGE_PIXELS_PER_REQUEST")] public long MaxImagePixelsPerRequest { get; init; } = 50_000_000;

    /// <summary>Largest total size in bytes (16 MiB) of one request's images as handed to the CLI, after conversion: base64 makes it ~22 MB, under the model APIs' request limits.</summary>
    [ConfigurationKeyName("MAX_CONVERTED_IMAGE_BYTES")] public long MaxConvertedImageBytes { get; init; } = 16_777_216;

    /// <summary>How long an http(s) image may take to download, in milliseconds.</summary>
    [ConfigurationKeyName("IMAGE_DOWNLOAD_TIMEOUT")] public int DownloadTimeoutMs { get; init; } = 10_000;

    /// <summary>Allow image URLs on loopback, private and link-local addresses (off: they could reach inside services).</summary>
    [ConfigurationKeyName("IMAGE_URLS_ALLOW_PRIVATE")] public bool AllowPrivateImageUrls { get; init; }
}
