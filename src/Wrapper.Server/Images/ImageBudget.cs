namespace Wrapper.Server.Images;

/// <summary>
/// What one request's images may cost together: the pixels the gateway decodes to convert them
/// (MAX_IMAGE_PIXELS_PER_REQUEST, checked from the header before decoding) and the bytes handed to
/// the CLI (MAX_CONVERTED_IMAGE_BYTES). Each image alone within its limits, twenty small GIFs
/// claiming large canvases would still cost gigabytes of decoding and tens of megabytes sent on.
/// </summary>
internal sealed class ImageBudget(ImageOptions limits)
{
    private long _pixels;
    private long _bytes;

    public void Decode(Core.ImageRef image, int width, int height)
    {
        _pixels += (long)width * height;
        if (_pixels > limits.MaxImagePixelsPerRequest)
            throw ImagePreparer.Invalid(
                $"The image at {image.Param} ({width}×{height}) brings the pixels this request's images need decoding to {_pixels}; at most {limits.MaxImagePixelsPerRequest} (MAX_IMAGE_PIXELS_PER_REQUEST) are accepted. Send fewer or smaller images, or PNG or JPEG.",
                image.Param, "image_too_large");
    }

    public void Send(Core.ImageRef image, int bytes)
    {
        _bytes += bytes;
        if (_bytes > limits.MaxConvertedImageBytes)
            throw ImagePreparer.Invalid(
                $"The image at {image.Param} brings this request's images, as handed to the CLI, to {_bytes} bytes; at most {limits.MaxConvertedImageBytes} bytes (MAX_CONVERTED_IMAGE_BYTES) are accepted. Send fewer or smaller images.",
                image.Param, "image_too_large");
    }
}
