namespace Wrapper.Server.Images;

/// <summary>Image limits (the seed's numbers). Keys are environment variable names.</summary>
internal sealed record ImageOptions
{
    /// <summary>New images (after the last assistant message) one request may carry.</summary>
    [ConfigurationKeyName("MAX_IMAGES")] public int MaxImages { get; init; } = 20;

    /// <summary>Largest decoded image, in bytes (3.75 MiB).</summary>
    [ConfigurationKeyName("MAX_IMAGE_BYTES")] public int MaxImageBytes { get; init; } = 3_932_160;

    /// <summary>Largest width × height, checked from the header before anything decodes.</summary>
    [ConfigurationKeyName("MAX_IMAGE_PIXELS")] public long MaxImagePixels { get; init; } = 40_000_000;
}
