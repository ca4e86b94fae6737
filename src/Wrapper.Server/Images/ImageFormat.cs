namespace Wrapper.Server.Images;

/// <summary>The image formats the gateway accepts, recognised from their bytes.</summary>
internal enum ImageFormat
{
    Png,
    Jpeg,
    Gif,
    WebP,
    Bmp,
    Tiff,
}

internal static class ImageFormats
{
    public static string MediaType(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Bmp => "image/bmp",
        _ => "image/tiff",
    };

    /// <summary>The file name extension the CLIs that read image files take the media type from.</summary>
    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "png",
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Gif => "gif",
        ImageFormat.WebP => "webp",
        ImageFormat.Bmp => "bmp",
        _ => "tiff",
    };

    /// <summary>
    /// What every model API behind the CLIs takes as it is. BMP and TIFF need converting, and so does
    /// GIF: the Gemini API refuses image/gif and OpenAI takes only still GIFs.
    /// </summary>
    public static bool IsWebFormat(this ImageFormat format) => format is ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.WebP;
}
