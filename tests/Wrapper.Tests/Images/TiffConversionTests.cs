using Wrapper.TestSupport;
using static Wrapper.Tests.Images.ImagePreparation;

namespace Wrapper.Tests.Images;

/// <summary>A TIFF reaches the CLI as the PNG of its first page; what cannot be decoded is a 400 that says why.</summary>
public sealed class TiffConversionTests
{
    private const int Width = 9, Height = 6;

    /// <summary>A colour layout: how the test writes a pixel's samples and which RGBA the PNG must show for it.</summary>
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
    public async Task Every_common_layout_in_either_byte_order_and_compression_becomes_the_PNG_of_its_pixels(Kind kind, bool little, int compression)
    {
        var tiff = TestTiffs.Build(Width, Height, Rows(kind), kind.Samples, kind.Bits, kind.Photometric, little, compression, rowsPerStrip: 4, fields: kind.Fields);

        Assert.That(PngPixels(await PrepareAsync(tiff)), Is.EqualTo(Expected(kind)));
    }

    [TestCase(TestTiffs.Lzw, true)]
    [TestCase(TestTiffs.Lzw, false)]
    [TestCase(TestTiffs.Deflate, true)]
    public async Task A_larger_noisy_image_exercises_every_LZW_code_width_and_the_horizontal_predictor(int compression, bool predictor)
    {
        const int width = 40, height = 30;
        var rows = new byte[width * height * 3];
        new Random(3).NextBytes(rows);
        var tiff = TestTiffs.Build(width, height, rows, littleEndian: false, compression: compression, rowsPerStrip: 20, predictor: predictor);

        Assert.That(PngPixels(await PrepareAsync(tiff)), Is.EqualTo(rows.Chunk(3).SelectMany(p => new byte[] { p[0], p[1], p[2], 255 }).ToArray()));
    }

    private static IEnumerable<TestCaseData> Undecodable()
    {
        var rgb = new byte[4 * 4 * 3];
        yield return Case(TestTiffs.Build(4, 4, rgb, compression: TestTiffs.Jpeg), "JPEG data that is not JPEG");
        yield return Case(TestTiffs.Build(4, 4, rgb, fields: new() { [273] = [4_000_000_000] }), "a strip offset near 2^32");
        yield return Case(TestTiffs.Build(4, 4, rgb)[..^40], "a file cut short");
        // ImageSharp 2.1 reads no grey-with-alpha TIFF: the client is told so, and can send a PNG.
        yield return Case(TestTiffs.Build(4, 4, new byte[32], samples: 2, photometric: 1, fields: new() { [338] = [2] }), "grey and alpha samples");
        static TestCaseData Case(byte[] tiff, string what) => new TestCaseData(tiff).SetName($"A TIFF with {what} is a 400 that says why");
    }

    [TestCaseSource(nameof(Undecodable))]
    public async Task A_TIFF_that_cannot_be_decoded_is_a_400_naming_the_image_and_the_reason(byte[] tiff)
    {
        var error = await RefusalAsync(tiff);

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Param, Is.EqualTo("messages[0].content[0]"));
        Assert.That(error.Message, Does.StartWith("The image at messages[0].content[0] is a TIFF file").And.Match(@"\(.{3,}\)|: .{3,}\."));
    }

    [Test]
    public async Task A_TIFF_whose_directory_offset_is_near_2_to_the_32_is_a_400()
    {
        var tiff = TestTiffs.Build(4, 4, new byte[48]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 0xFFFF_FFF0);

        var error = await RefusalAsync(tiff);

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("TIFF"));
    }

    [TestCase(TestTiffs.None)]
    [TestCase(TestTiffs.PackBits)]
    [TestCase(TestTiffs.Lzw)]
    [TestCase(TestTiffs.Deflate)]
    public async Task Corrupted_files_are_converted_at_their_checked_size_or_refused_never_thrown(int compression)
    {
        var random = new Random(compression);
        var rows = new byte[12 * 10 * 3];
        random.NextBytes(rows);
        var original = TestTiffs.Build(12, 10, rows, compression: compression, rowsPerStrip: 3);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            await ImageFuzzing.AcceptedOrRefusedAsync(damaged);
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
