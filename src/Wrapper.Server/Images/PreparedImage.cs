namespace Wrapper.Server.Images;

/// <summary>A checked image in a format every CLI's model takes (PNG, JPEG or WebP), numbered in the request.</summary>
internal sealed record PreparedImage(int Number, ImageFormat Format, byte[] Bytes, int Width, int Height)
{
    public string MediaType => Format.MediaType();
}
