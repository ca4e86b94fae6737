using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Wrapper.TestSupport;

/// <summary>Small images of every accepted format, made here, byte by byte, for the image tests.</summary>
public static class TestImages
{
    /// <summary>A real, decodable PNG (solid red).</summary>
    public static byte[] Png(int width = 2, int height = 2) =>
        PngOf(width, height, [.. Enumerable.Repeat(new byte[] { 255, 0, 0, 255 }, width * height).SelectMany(p => p)]);

    /// <summary>The PNG of these RGBA pixels exactly as the gateway writes the images it converts.</summary>
    public static byte[] PngOf(int width, int height, byte[] rgba)
    {
        using var image = Image.LoadPixelData<Rgba32>(rgba, width, height);
        return Wrapper.Server.Images.ImageCodec.EncodePng(image);
    }

    /// <summary>The RGBA pixels of a PNG (or any image ImageSharp reads), to compare what the gateway converted.</summary>
    public static byte[] PixelsOf(byte[] image, out int width, out int height)
    {
        using var decoded = Image.Load<Rgba32>(image);
        (width, height) = (decoded.Width, decoded.Height);
        var rgba = new byte[width * height * 4];
        decoded.CopyPixelDataTo(rgba);
        return rgba;
    }

    /// <summary>A PNG of random pixels: it does not compress, so its size grows with its area.</summary>
    public static byte[] NoisePng(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        new Random(7).NextBytes(pixels);
        return PngOf(width, height, pixels);
    }

    /// <summary>A PNG whose header claims a canvas of the given size (its checksum right), with no real pixel data (a decompression bomb's shape).</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var png = Png(1, 1);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>An uncompressed 24-bit bottom-up BMP, every pixel the given blue-green-red colour.</summary>
    public static byte[] Bmp24(int width, int height, byte b = 0, byte g = 0, byte r = 255)
    {
        var stride = (width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * height];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var at = 54 + y * stride + x * 3;
                (bytes[at], bytes[at + 1], bytes[at + 2]) = (b, g, r);
            }
        return bytes;
    }

    /// <summary>A BMP header claiming a canvas of the given size, with one row of pixels (a decompression bomb's shape).</summary>
    public static byte[] Bmp24Header(int width, int height)
    {
        var bmp = Bmp24(4, 1);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        return bmp;
    }

    /// <summary>A JPEG's first markers: SOI, an APP0 segment, then SOF0 with the dimensions.</summary>
    public static byte[] JpegHeader(int width, int height)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        bytes.AddRange(Encoding.ASCII.GetBytes("JFIF\0"));
        bytes.AddRange(new byte[9]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        bytes.AddRange([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]); // three components, no subsampling
        return [.. bytes];
    }

    public static byte[] GifHeader(int width, int height)
    {
        var bytes = new byte[13];
        "GIF89a"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
        return bytes;
    }

    /// <summary>An extended WebP (VP8X) header with the canvas size.</summary>
    public static byte[] WebPHeader(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 10);
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;
    }

    /// <summary>A little- or big-endian TIFF whose first IFD gives the width (LONG) and height (SHORT).</summary>
    public static byte[] TiffHeader(int width, int height, bool littleEndian = true)
    {
        var bytes = new byte[8 + 2 + 2 * 12 + 4];
        void U16(int at, int value) { if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)value); else BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value); }
        void U32(int at, int value) { if (littleEndian) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value); else BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), value); }
        (littleEndian ? "II"u8 : "MM"u8).CopyTo(bytes);
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        U16(10, 256); U16(12, 4); U32(14, 1); U32(18, width);
        U16(22, 257); U16(24, 3); U32(26, 1); U16(30, height);
        return bytes;
    }

    /// <summary>PNG's CRC-32 (https://www.w3.org/TR/png/#5CRC-algorithm), over a chunk's type and data.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    public static string DataUrl(byte[] bytes, string mediaType = "image/png") => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    private static void WriteUInt24(Span<byte> target, int value) => (target[0], target[1], target[2]) = ((byte)value, (byte)(value >> 8), (byte)(value >> 16));
}
