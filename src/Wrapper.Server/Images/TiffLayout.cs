namespace Wrapper.Server.Images;

/// <summary>
/// How a TIFF's samples are stored and what they mean, read from its directory, or the reason the
/// decoder cannot read them (worded for the client: "it is JPEG-compressed").
/// </summary>
internal sealed record TiffLayout(long Compression, int Samples, int Bits, long Photometric, bool HorizontalPredictor)
{
    public const long WhiteIsZero = 0, BlackIsZero = 1, Rgb = 2, Palette = 3;

    /// <summary>Why the file cannot be converted; null when it can.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether the sample after the colour ones is alpha, and whether colours are premultiplied by it.</summary>
    public bool HasAlpha { get; init; }
    public bool PremultipliedAlpha { get; init; }

    /// <summary>The palette as TIFF stores it: all reds, then all greens, then all blues, 16 bits each.</summary>
    public long[]? ColorMap { get; init; }

    public static TiffLayout From(TiffDirectory directory)
    {
        var bitsPerSample = directory.Values(TiffDirectory.BitsPerSample) is { Length: > 0 } bits ? bits : [1];
        var samples = (int)Math.Clamp(directory.Value(TiffDirectory.SamplesPerPixel, 1), 1, 16);
        var layout = new TiffLayout(
            directory.Value(TiffDirectory.Compression, 1),
            samples,
            (int)Math.Clamp(bitsPerSample[0], 0, 64),
            // Required, but some writers leave it out: grey or RGB by the number of samples.
            directory.Value(TiffDirectory.Photometric, samples >= 3 ? Rgb : BlackIsZero),
            directory.Value(TiffDirectory.Predictor, 1) == 2)
        {
            ColorMap = directory.Values(TiffDirectory.ColorMap),
        };
        var extra = directory.Value(TiffDirectory.ExtraSamples, 0);
        var colours = layout.Photometric == Rgb ? 3 : 1;
        layout = layout with { HasAlpha = layout.Samples > colours && extra is 1 or 2, PremultipliedAlpha = extra == 1 };
        return layout with { Problem = ProblemOf(layout, directory, bitsPerSample) };
    }

    private static string? ProblemOf(TiffLayout layout, TiffDirectory directory, long[] bitsPerSample)
    {
        if (directory.Has(TiffDirectory.TileWidth)) return "it is stored in tiles; only TIFFs stored in strips can be converted";
        if (layout.Compression is 6 or 7) return "it is JPEG-compressed";
        if (!TiffDecompressor.Supports(layout.Compression))
            return $"its compression scheme ({layout.Compression}) is not one of none, LZW, Deflate and PackBits";
        if (directory.Value(TiffDirectory.PlanarConfiguration, 1) == 2 && layout.Samples > 1) return "its colour samples are stored in separate planes";
        if (bitsPerSample.Any(bits => bits != layout.Bits)) return "its samples differ in size";
        if (layout.Bits > 8) return $"it has {layout.Bits} bits per sample; at most 8 can be converted";
        var (samples, bits) = (layout.Samples, layout.Bits);
        var supported = layout.Photometric switch
        {
            WhiteIsZero or BlackIsZero => (samples == 1 && bits is 1 or 2 or 4 or 8) || (samples == 2 && bits == 8),
            Rgb => samples is 3 or 4 && bits == 8, // more extra samples would only cost memory
            Palette => samples == 1 && bits is 1 or 2 or 4 or 8 && layout.ColorMap?.Length >= 3 << bits,
            _ => false,
        };
        if (!supported) return layout.Photometric switch
        {
            5 => "it uses CMYK colours",
            6 => "it uses YCbCr colours",
            8 or 9 or 10 => "it uses CIE L*a*b* colours",
            WhiteIsZero or BlackIsZero or Rgb or Palette => $"its {samples} samples of {bits} bits per pixel are not a supported grey, RGB or palette layout",
            _ => $"its colour interpretation ({layout.Photometric}) is not grey, RGB or palette",
        };
        if (layout.HorizontalPredictor && bits != 8) return "it uses the horizontal predictor with samples of fewer than 8 bits";
        var predictor = directory.Value(TiffDirectory.Predictor, 1);
        return predictor is 1 or 2 ? null : $"it uses predictor {predictor}; only none and horizontal are supported";
    }
}
