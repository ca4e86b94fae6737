using Wrapper.Server.Configuration;

namespace Wrapper.Server.Images;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ImageOptionsValidator() : OptionsValidator<ImageOptions>(
    Fail(o => o.MaxImages < 0, o => $"MAX_IMAGES must be zero or more (got {o.MaxImages})."),
    Fail(o => o.MaxImageBytes < 1024, o => $"MAX_IMAGE_BYTES must be at least 1024 (got {o.MaxImageBytes})."),
    Fail(o => o.DownloadTimeoutMs <= 0, o => $"IMAGE_DOWNLOAD_TIMEOUT must be a positive number of milliseconds (got {o.DownloadTimeoutMs})."),
    Fail(o => o.MaxImagePixels < 1, o => $"MAX_IMAGE_PIXELS must be positive (got {o.MaxImagePixels})."),
    Fail(o => o.MaxImagePixelsPerRequest < o.MaxImagePixels,
        o => $"MAX_IMAGE_PIXELS_PER_REQUEST must be at least MAX_IMAGE_PIXELS ({o.MaxImagePixels}) (got {o.MaxImagePixelsPerRequest})."),
    Fail(o => o.MaxConvertedImageBytes < o.MaxImageBytes,
        o => $"MAX_CONVERTED_IMAGE_BYTES must be at least MAX_IMAGE_BYTES ({o.MaxImageBytes}) (got {o.MaxConvertedImageBytes})."));
