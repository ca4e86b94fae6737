using static Wrapper.Server.Images.TiffDirectory;

namespace Wrapper.Server.Images;

/// <summary>
/// Decodes the first page of a baseline TIFF into RGBA so that it can travel as PNG: strips in
/// either byte order, uncompressed, LZW, Deflate or PackBits, with or without the horizontal
/// predictor; grey (1, 2, 4 or 8 bits, with or without alpha), 8-bit RGB and RGBA, and palette
/// images. For anything else the answer says what the file uses, for the client's 400.
/// The caller has checked the dimensions against MAX_IMAGE_PIXELS before this allocates anything.
/// </summary>
internal static class TiffDecoder
{
    public static (byte[]? Rgba, string? Problem) ToRgba(ReadOnlySpan<byte> bytes, int width, int height)
    {
        const string Malformed = "its directory or pixel data is truncated or malformed";
        if (Read(bytes) is not { } directory) return (null, Malformed);
        var layout = TiffLayout.From(directory);
        if (layout.Problem is { } problem) return (null, problem);

        var stride = ((long)width * layout.Samples * layout.Bits + 7) / 8;
        if (stride * height > Array.MaxLength) return (null, "it is too large to convert");
        var rowsPerStrip = (int)Math.Clamp(directory.Value(RowsPerStrip, height), 1, height);
        var strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        var offsets = directory.Values(StripOffsets);
        var counts = directory.Values(StripByteCounts)
            ?? (layout.Compression == 1 && strips == 1 ? [stride * height] : null); // old writers leave it out when uncompressed
        if (offsets is null || counts is null || offsets.Length < strips || counts.Length < strips) return (null, Malformed);

        var pixels = new byte[stride * height];
        for (var strip = 0; strip < strips; strip++)
        {
            var rows = Math.Min(rowsPerStrip, height - strip * rowsPerStrip);
            var target = pixels.AsSpan((int)(strip * rowsPerStrip * stride), (int)(rows * stride));
            if (offsets[strip] + counts[strip] > bytes.Length) return (null, Malformed);
            var source = bytes.Slice((int)offsets[strip], (int)counts[strip]);
            if (TiffDecompressor.Expand(layout.Compression, source, target) < target.Length) return (null, Malformed);
        }
        if (layout.HorizontalPredictor) Undifference(pixels, (int)stride, layout.Samples);
        return (TiffColours.ToRgba(pixels, width, height, (int)stride, layout), null);
    }

    /// <summary>Predictor 2: each 8-bit sample was stored as the difference from the same sample of the pixel to its left.</summary>
    private static void Undifference(byte[] pixels, int stride, int samples)
    {
        for (var row = 0; row < pixels.Length; row += stride)
            for (var i = row + samples; i < row + stride; i++)
                pixels[i] += pixels[i - samples];
    }
}
