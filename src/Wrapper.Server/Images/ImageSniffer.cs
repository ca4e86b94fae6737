namespace Wrapper.Server.Images;

/// <summary>Recognises an image format from its first bytes (its signature), never from a declared type.</summary>
internal static class ImageSniffer
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageFormat? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Png)) return ImageFormat.Png;
        if (bytes is [0xFF, 0xD8, 0xFF, ..]) return ImageFormat.Jpeg;
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (bytes.StartsWith("BM"u8) && bytes.Length >= 26) return ImageFormat.Bmp;
        if (bytes is [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..]) return ImageFormat.Tiff;
        return null;
    }
}
