using SixLabors.ImageSharp.Formats;

namespace Wrapper.Server.Images;

/// <summary>The formats images reach the CLIs in: every other one is converted to PNG first.</summary>
internal enum ImageFormat
{
    Png,
    Jpeg,
    WebP,
}

internal static class ImageFormats
{
    public static string MediaType(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        _ => "image/webp",
    };

    /// <summary>The file name extension the CLIs that read image files take the media type from.</summary>
    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "png",
        ImageFormat.Jpeg => "jpg",
        _ => "webp",
    };

    /// <summary>
    /// What every model API behind the CLIs takes as it is, or null when the image must be converted:
    /// BMP and TIFF, and GIF too (the Gemini API refuses image/gif and OpenAI takes only still GIFs).
    /// </summary>
    public static ImageFormat? WebFormat(IImageFormat format) => format.DefaultMimeType switch
    {
        "image/png" => ImageFormat.Png,
        "image/jpeg" => ImageFormat.Jpeg,
        "image/webp" => ImageFormat.WebP,
        _ => null,
    };
}
