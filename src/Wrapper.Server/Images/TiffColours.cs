namespace Wrapper.Server.Images;

/// <summary>Turns decoded TIFF rows (grey, RGB or palette samples, as <see cref="TiffLayout"/> describes them) into 8-bit RGBA.</summary>
internal static class TiffColours
{
    public static byte[] ToRgba(byte[] pixels, int width, int height, int stride, TiffLayout layout)
    {
        var rgba = new byte[(long)width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.AsSpan(y * stride, stride);
            for (var x = 0; x < width; x++)
            {
                var target = rgba.AsSpan((int)(((long)y * width + x) * 4), 4);
                if (layout.Photometric == TiffLayout.Rgb) Rgb(row.Slice(x * layout.Samples, layout.Samples), target, layout);
                else if (layout.Photometric == TiffLayout.Palette) Indexed(Sample(row, x, layout.Bits), target, layout.ColorMap!);
                else Grey(row, x, target, layout);
            }
        }
        return rgba;
    }

    private static void Rgb(ReadOnlySpan<byte> pixel, Span<byte> target, TiffLayout layout)
    {
        var alpha = layout.HasAlpha ? pixel[3] : (byte)255;
        for (var c = 0; c < 3; c++) target[c] = layout.PremultipliedAlpha ? Unpremultiply(pixel[c], alpha) : pixel[c];
        target[3] = alpha;
    }

    private static void Grey(ReadOnlySpan<byte> row, int x, Span<byte> target, TiffLayout layout)
    {
        int value, alpha = 255;
        if (layout.Samples == 2)
        {
            (value, alpha) = (row[x * 2], layout.HasAlpha ? row[x * 2 + 1] : 255);
            if (layout.PremultipliedAlpha) value = Unpremultiply((byte)value, (byte)alpha);
        }
        else value = Sample(row, x, layout.Bits) * 255 / ((1 << layout.Bits) - 1);
        if (layout.Photometric == TiffLayout.WhiteIsZero) value = 255 - value;
        (target[0], target[1], target[2], target[3]) = ((byte)value, (byte)value, (byte)value, (byte)alpha);
    }

    /// <summary>16-bit palette entries scaled to 8 bits.</summary>
    private static void Indexed(int index, Span<byte> target, long[] map)
    {
        var entries = map.Length / 3;
        (target[0], target[1], target[2], target[3]) = ((byte)(map[index] >> 8), (byte)(map[entries + index] >> 8), (byte)(map[2 * entries + index] >> 8), 255);
    }

    /// <summary>The x-th sample of a row of 1-, 2-, 4- or 8-bit samples, packed from the most significant bit.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int bits)
    {
        if (bits == 8) return row[x];
        var bit = x * bits;
        return row[bit >> 3] >> (8 - bits - (bit & 7)) & ((1 << bits) - 1);
    }

    private static byte Unpremultiply(byte colour, byte alpha) => alpha == 0 ? (byte)0 : (byte)Math.Min(255, colour * 255 / alpha);
}
