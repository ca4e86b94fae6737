using Microsoft.Extensions.Options;

namespace Wrapper.Server.Images;

internal sealed class ImageOptionsValidator : IValidateOptions<ImageOptions>
{
    public ValidateOptionsResult Validate(string? name, ImageOptions options)
    {
        var errors = new List<string>();
        if (options.MaxImages < 0) errors.Add($"MAX_IMAGES must be zero or more (got {options.MaxImages}).");
        if (options.MaxImageBytes < 1024) errors.Add($"MAX_IMAGE_BYTES must be at least 1024 (got {options.MaxImageBytes}).");
        if (options.DownloadTimeoutMs <= 0) errors.Add($"IMAGE_DOWNLOAD_TIMEOUT must be a positive number of milliseconds (got {options.DownloadTimeoutMs}).");
        if (options.MaxImagePixels < 1) errors.Add($"MAX_IMAGE_PIXELS must be positive (got {options.MaxImagePixels}).");
        if (options.MaxImagePixelsPerRequest < options.MaxImagePixels)
            errors.Add($"MAX_IMAGE_PIXELS_PER_REQUEST must be at least MAX_IMAGE_PIXELS ({options.MaxImagePixels}) (got {options.MaxImagePixelsPerRequest}).");
        if (options.MaxConvertedImageBytes < options.MaxImageBytes)
            errors.Add($"MAX_CONVERTED_IMAGE_BYTES must be at least MAX_IMAGE_BYTES ({options.MaxImageBytes}) (got {options.MaxConvertedImageBytes}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
