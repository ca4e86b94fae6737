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

    /// <summary>What the model APIs behind the CLIs take as they are; BMP and TIFF need converting.</summary>
    public static bool IsWebFormat(this ImageFormat format) => format is ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Gif or ImageFormat.WebP;
}
