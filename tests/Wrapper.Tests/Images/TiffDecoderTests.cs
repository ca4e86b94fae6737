using Wrapper.Server.Images;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Images;

public sealed class TiffDecoderTests
{
    private const int Width = 9, Height = 6;

    /// <summary>A colour layout: how the test writes a pixel's samples and which RGBA the decoder must give for it.</summary>
    public sealed record Kind(string Name, int Samples, int Bits, int Photometric, Func<int, int, int[]> SamplesAt, Func<int, int, byte[]> Expected,
        Dictionary<ushort, uint[]>? Fields = null)
    {
        public override string ToString() => Name;
    }

    private static readonly uint[] Palette = [.. Enumerable.Range(0, 3 * 256).Select(i => (uint)((i * 7 + i / 256 * 50) & 255) * 257)];

    private static byte[] PaletteColour(int index) =>
        [(byte)((index * 7) & 255), (byte)(((256 + index) * 7 + 50) & 255), (byte)(((512 + index) * 7 + 100) & 255), 255];

    public static IEnumerable<Kind> Kinds()
    {
        yield return new("8-bit grey", 1, 8, 1, (x, y) => [(x * 37 + y * 11) & 255], (x, y) => Grey((x * 37 + y * 11) & 255));
        yield return new("grey with alpha", 2, 8, 1, (x, y) => [x * 20, y * 40 + 5], (x, y) => [(byte)(x * 20), (byte)(x * 20), (byte)(x * 20), (byte)(y * 40 + 5)],
            new() { [338] = [2] });
        yield return new("RGB", 3, 8, 2, (x, y) => [x * 30, y * 40, (x * y * 7) & 255], (x, y) => [(byte)(x * 30), (byte)(y * 40), (byte)((x * y * 7) & 255), 255]);
        yield return new("RGBA", 4, 8, 2, (x, y) => [x * 30, y * 40, 7, (x + y) * 15 + 10], (x, y) => [(byte)(x * 30), (byte)(y * 40), 7, (byte)((x + y) * 15 + 10)],
            new() { [338] = [2] });
        yield return new("8-bit palette", 1, 8, 3, (x, y) => [(x + y * 31) & 255], (x, y) => PaletteColour((x + y * 31) & 255),
            new() { [320] = Palette });
        yield return new("4-bit palette", 1, 4, 3, (x, y) => [(x + y) % 16], (x, y) => PaletteColour4((x + y) % 16),
            new() { [320] = [.. Enumerable.Range(0, 48).Select(i => (uint)(i * 5 * 257))] });
        yield return new("2-bit grey", 1, 2, 1, (x, y) => [(x * y) % 4], (x, y) => Grey((x * y) % 4 * 85));
        yield return new("1-bit white-is-zero", 1, 1, 0, (x, y) => [(x + y) % 2], (x, y) => Grey(255 - (x + y) % 2 * 255));
    }

    private static byte[] PaletteColour4(int index) => [(byte)(index * 5), (byte)((16 + index) * 5), (byte)((32 + index) * 5), 255];

    private static byte[] Grey(int value) => [(byte)value, (byte)value, (byte)value, 255];

    public static IEnumerable<TestCaseData> Variants() =>
        from kind in Kinds()
        from little in new[] { true, false }
        from compression in new[] { TestTiffs.None, TestTiffs.PackBits, TestTiffs.Lzw, TestTiffs.Deflate }
        select new TestCaseData(kind, little, compression).SetName($"{kind.Name}, {(little ? "little" : "big")}-endian, compression {compression}, two strips");

    [TestCaseSource(nameof(Variants))]
    public void Decodes_every_supported_layout_in_either_byte_order_and_compression(Kind kind, bool little, int compression)
    {
        var tiff = TestTiffs.Build(Width, Height, Rows(kind), kind.Samples, kind.Bits, kind.Photometric, little, compression, rowsPerStrip: 4, fields: kind.Fields);

        var (rgba, problem) = TiffDecoder.ToRgba(tiff, Width, Height);

        Assert.That(problem, Is.Null);
        Assert.That(rgba, Is.EqualTo(Expected(kind)));
    }

    [TestCase(TestTiffs.Lzw, true)]
    [TestCase(TestTiffs.Lzw, false)]
    [TestCase(TestTiffs.Deflate, true)]
    public void A_larger_noisy_image_exercises_every_LZW_code_width_and_the_horizontal_predictor(int compression, bool predictor)
    {
        const int width = 40, height = 30;
        var rows = new byte[width * height * 3];
        new Random(3).NextBytes(rows);
        var tiff = TestTiffs.Build(width, height, rows, littleEndian: false, compression: compression, rowsPerStrip: 20, predictor: predictor);

        var (rgba, _) = TiffDecoder.ToRgba(tiff, width, height);

        Assert.That(rgba, Is.EqualTo(rows.Chunk(3).SelectMany(p => new byte[] { p[0], p[1], p[2], 255 }).ToArray()));
    }

    [Test]
    public void Premultiplied_alpha_is_undone()
    {
        var tiff = TestTiffs.Build(2, 1, [100, 50, 0, 128, 200, 200, 200, 255], samples: 4, fields: new() { [338] = [1] });

        var (rgba, _) = TiffDecoder.ToRgba(tiff, 2, 1);

        Assert.That(rgba, Is.EqualTo(new byte[] { 199, 99, 0, 128, 200, 200, 200, 255 }));
    }

    private static IEnumerable<TestCaseData> Unsupported()
    {
        var rgb = new byte[4 * 4 * 3];
        yield return Case(TestTiffs.Build(4, 4, rgb, compression: TestTiffs.Jpeg), "JPEG-compressed");
        yield return Case(TestTiffs.Build(4, 4, new byte[4 * 4 * 6], bits: 16), "16 bits per sample");
        yield return Case(TestTiffs.Build(4, 4, rgb, fields: new() { [322] = [16], [323] = [16] }), "tiles");
        yield return Case(TestTiffs.Build(4, 4, new byte[4 * 4 * 4], samples: 4, photometric: 5), "CMYK");
        yield return Case(TestTiffs.Build(4, 4, rgb, photometric: 6), "YCbCr");
        yield return Case(TestTiffs.Build(4, 4, new byte[4 * 4 * 8], samples: 8), "8 samples");
        yield return Case(TestTiffs.Build(4, 4, rgb, fields: new() { [284] = [2] }), "separate planes");
        yield return Case(TestTiffs.Build(4, 4, rgb, compression: 3), "compression scheme (3)");
        yield return Case(TestTiffs.Build(4, 4, new byte[16], samples: 1, photometric: 3), "palette");
        yield return Case(TestTiffs.Build(4, 4, rgb, fields: new() { [279] = [1_000_000] }), "truncated or malformed");
        yield return Case(TestTiffs.Build(4, 4, rgb, fields: new() { [273] = [4_000_000_000] }), "truncated or malformed");
        yield return Case(TestTiffs.Build(4, 4, rgb, compression: TestTiffs.Lzw, fields: new() { [279] = [5] }), "truncated or malformed");
        yield return Case(TestTiffs.Build(4, 4, rgb)[..^40], "truncated or malformed");
        static TestCaseData Case(byte[] tiff, string why) => new TestCaseData(tiff, why).SetName($"Refused with a reason: {why}");
    }

    [TestCaseSource(nameof(Unsupported))]
    public void Variants_it_cannot_read_are_refused_with_the_reason(byte[] tiff, string why)
    {
        var (rgba, problem) = TiffDecoder.ToRgba(tiff, 4, 4);

        Assert.That(rgba, Is.Null);
        Assert.That(problem, Does.Contain(why));
    }

    [TestCase(TestTiffs.None)]
    [TestCase(TestTiffs.PackBits)]
    [TestCase(TestTiffs.Lzw)]
    [TestCase(TestTiffs.Deflate)]
    public void Corrupted_files_never_throw(int compression)
    {
        var random = new Random(compression);
        var rows = new byte[12 * 10 * 3];
        random.NextBytes(rows);
        var original = TestTiffs.Build(12, 10, rows, compression: compression, rowsPerStrip: 3);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);

            (byte[]? Rgba, string? Problem) result = default;
            Assert.That(() => result = TiffDecoder.ToRgba(damaged, 12, 10), Throws.Nothing);
            Assert.That(result.Rgba is null ? result.Problem is { Length: > 0 } : result.Rgba.Length == 12 * 10 * 4, Is.True, "pixels of the checked size, or a reason");
        }
    }

    private static byte[] Rows(Kind kind)
    {
        var stride = (Width * kind.Samples * kind.Bits + 7) / 8;
        var rows = new byte[stride * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var samples = kind.SamplesAt(x, y);
                for (var s = 0; s < samples.Length; s++)
                {
                    var bit = (x * kind.Samples + s) * kind.Bits;
                    rows[y * stride + bit / 8] |= (byte)(samples[s] << (8 - kind.Bits - bit % 8));
                }
            }
        return rows;
    }

    private static byte[] Expected(Kind kind) =>
        [.. Enumerable.Range(0, Height).SelectMany(y => Enumerable.Range(0, Width).SelectMany(x => kind.Expected(x, y)))];
}
