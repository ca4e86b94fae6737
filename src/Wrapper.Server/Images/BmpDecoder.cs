using System.Buffers.Binary;

namespace Wrapper.Server.Images;

/// <summary>
/// Decodes the BMP variants screenshots use (uncompressed 24- and 32-bit, bottom-up or top-down)
/// into RGBA; null for the others (palettes, RLE), which the gateway then refuses with a clear 400.
/// </summary>
internal static class BmpDecoder
{
    public static byte[]? ToRgba(ReadOnlySpan<byte> bytes, int width, int height)
    {
        if (bytes.Length < 54) return null;
        var pixelOffset = BinaryPrimitives.ReadInt32LittleEndian(bytes[10..]);
        var topDown = BinaryPrimitives.ReadInt32LittleEndian(bytes[22..]) < 0;
        var bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(bytes[30..]);
        // BI_RGB, or BI_BITFIELDS with the usual BGRA masks for 32-bit.
        if (bitsPerPixel is not (24 or 32) || compression is not (0 or 3) || (compression == 3 && bitsPerPixel != 32)) return null;

        var bytesPerPixel = bitsPerPixel / 8;
        var stride = (width * bytesPerPixel + 3) & ~3;
        if (pixelOffset < 0 || (long)pixelOffset + (long)stride * height > bytes.Length) return null;

        var rgba = new byte[checked(width * height * 4)];
        for (var y = 0; y < height; y++)
        {
            var row = bytes.Slice(pixelOffset + (topDown ? y : height - 1 - y) * stride, width * bytesPerPixel);
            for (var x = 0; x < width; x++)
            {
                var source = row.Slice(x * bytesPerPixel, bytesPerPixel);
                var target = (y * width + x) * 4;
                rgba[target] = source[2];
                rgba[target + 1] = source[1];
                rgba[target + 2] = source[0];
                rgba[target + 3] = bytesPerPixel == 4 && compression == 3 ? source[3] : (byte)255;
            }
        }
        return rgba;
    }
}
