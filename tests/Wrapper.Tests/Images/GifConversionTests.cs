using Wrapper.TestSupport;
using static Wrapper.Tests.Images.ImagePreparation;
using Frame = Wrapper.TestSupport.TestGifs.Frame;

namespace Wrapper.Tests.Images;

/// <summary>A GIF reaches the CLI as the PNG of its first frame (the Gemini API takes no image/gif).</summary>
public sealed class GifConversionTests
{
    private static byte[] Rgba(byte[] colours, IEnumerable<int> indices) =>
        [.. indices.SelectMany(i => i < 0 ? new byte[4] : [colours[i * 3], colours[i * 3 + 1], colours[i * 3 + 2], 255])];

    [TestCase(4, 5, 3)]
    [TestCase(256, 60, 40)]
    public async Task A_still_GIF_becomes_the_PNG_of_its_pixels_at_every_LZW_code_width(int colourCount, int width, int height)
    {
        var colours = TestGifs.Colours(colourCount);
        var indices = new byte[width * height];
        new Random(colourCount).NextBytes(indices);
        for (var i = 0; i < indices.Length; i++) indices[i] = (byte)(indices[i] % colourCount);

        var png = await PrepareAsync(TestGifs.Build(width, height, colours, new Frame(0, 0, width, height, indices)));

        Assert.That(PngPixels(png), Is.EqualTo(Rgba(colours, indices.Select(i => (int)i))));
    }

    [Test]
    public async Task A_frame_with_its_own_colours_and_a_transparent_index_leaves_the_rest_of_the_canvas_transparent()
    {
        var local = TestGifs.Colours(4).Reverse().ToArray();
        var gif = TestGifs.Build(4, 3, TestGifs.Colours(2), new Frame(1, 1, 2, 2, [0, 1, 2, 3]) { LocalColours = local, Transparent = 2 });

        var pixels = PngPixels(await PrepareAsync(gif));

        Assert.That(Alpha(pixels), Is.EqualTo(new[] { 0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 255, 0 }));
        Assert.That(Opaque(pixels), Is.EqualTo(Opaque(Rgba(local, [-1, -1, -1, -1, -1, 0, 1, -1, -1, -1, 3, -1]))));
    }

    [Test]
    public async Task Interlaced_rows_are_put_back_in_order()
    {
        var colours = TestGifs.Colours(16);
        var indices = Enumerable.Range(0, 3 * 11).Select(i => (byte)(i / 3)).ToArray();

        var png = await PrepareAsync(TestGifs.Build(3, 11, colours, new Frame(0, 0, 3, 11, indices) { Interlaced = true }));

        Assert.That(PngPixels(png), Is.EqualTo(Rgba(colours, indices.Select(i => (int)i))));
    }

    [Test]
    public async Task Only_the_first_frame_of_an_animation_is_kept()
    {
        var colours = TestGifs.Colours(4);

        var png = await PrepareAsync(TestGifs.Build(2, 1, colours, new Frame(0, 0, 2, 1, [1, 2]), new Frame(0, 0, 2, 1, [3, 3])));

        Assert.That(PngPixels(png), Is.EqualTo(Rgba(colours, [1, 2])));
    }

    [Test]
    public async Task The_web_s_classic_transparent_pixel_converts()
    {
        var png = await PrepareAsync(Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="));

        Assert.That(Alpha(PngPixels(png)), Is.EqualTo(new[] { 0 }));
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        var gif = TestGifs.Build(4, 4, TestGifs.Colours(4), new Frame(0, 0, 4, 4, new byte[16]));
        yield return new TestCaseData(gif[..12]).SetName("A GIF cut inside its header is refused");
        yield return new TestCaseData(TestImages.GifHeader(4, 4)).SetName("A GIF without a frame is refused");
    }

    [TestCaseSource(nameof(Broken))]
    public async Task A_broken_GIF_is_a_400_naming_the_image_and_the_reason(byte[] gif)
    {
        var error = await RefusalAsync(gif);

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Param, Is.EqualTo("messages[0].content[0]"));
        Assert.That(error.Message, Does.Contain("The image at messages[0].content[0] is a GIF file").And.Match("(cannot be converted here|header cannot be read)"));
    }

    [Test]
    public async Task A_frame_larger_than_its_canvas_gives_a_PNG_of_the_canvas_or_a_400() =>
        await ImageFuzzing.AcceptedOrRefusedAsync(TestGifs.Build(4, 4, TestGifs.Colours(4), new Frame(2, 0, 4, 4, new byte[16])), width: 4, height: 4);

    [Test]
    public async Task Corrupted_GIFs_are_converted_at_their_checked_size_or_refused_never_thrown()
    {
        var random = new Random(11);
        var indices = new byte[10 * 8];
        random.NextBytes(indices);
        var original = TestGifs.Build(10, 8, TestGifs.Colours(256), new Frame(0, 0, 10, 8, indices) { Transparent = 5 });
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            await ImageFuzzing.AcceptedOrRefusedAsync(damaged);
        }
    }

    private static int[] Alpha(byte[] rgba) => [.. rgba.Chunk(4).Select(p => (int)p[3])];

    private static byte[][] Opaque(byte[] rgba) => [.. rgba.Chunk(4).Where(p => p[3] == 255)];
}
