using Wrapper.Server.Images;
using Wrapper.TestSupport;
using Frame = Wrapper.TestSupport.TestGifs.Frame;

namespace Wrapper.Tests.Images;

public sealed class GifDecoderTests
{
    private static byte[] Rgba(byte[] colours, IEnumerable<int> indices) =>
        [.. indices.SelectMany(i => i < 0 ? new byte[4] : [colours[i * 3], colours[i * 3 + 1], colours[i * 3 + 2], 255])];

    [TestCase(4, 5, 3)]
    [TestCase(256, 60, 40)]
    public void A_still_GIF_becomes_its_pixels_at_every_LZW_code_width(int colourCount, int width, int height)
    {
        var colours = TestGifs.Colours(colourCount);
        var indices = new byte[width * height];
        new Random(colourCount).NextBytes(indices);
        for (var i = 0; i < indices.Length; i++) indices[i] = (byte)(indices[i] % colourCount);
        var gif = TestGifs.Build(width, height, colours, new Frame(0, 0, width, height, indices));

        var (rgba, problem) = GifDecoder.ToRgba(gif, width, height);

        Assert.That(problem, Is.Null);
        Assert.That(rgba, Is.EqualTo(Rgba(colours, indices.Select(i => (int)i))));
    }

    [Test]
    public void A_frame_with_its_own_colours_and_a_transparent_index_leaves_the_rest_of_the_canvas_transparent()
    {
        var local = TestGifs.Colours(4).Reverse().ToArray();
        var gif = TestGifs.Build(4, 3, TestGifs.Colours(2), new Frame(1, 1, 2, 2, [0, 1, 2, 3]) { LocalColours = local, Transparent = 2 });

        var (rgba, _) = GifDecoder.ToRgba(gif, 4, 3);

        Assert.That(rgba, Is.EqualTo(Rgba(local, [-1, -1, -1, -1, -1, 0, 1, -1, -1, -1, 3, -1])));
    }

    [Test]
    public void Interlaced_rows_are_put_back_in_order()
    {
        var colours = TestGifs.Colours(16);
        var indices = Enumerable.Range(0, 3 * 11).Select(i => (byte)(i / 3)).ToArray();
        var gif = TestGifs.Build(3, 11, colours, new Frame(0, 0, 3, 11, indices) { Interlaced = true });

        var (rgba, _) = GifDecoder.ToRgba(gif, 3, 11);

        Assert.That(rgba, Is.EqualTo(Rgba(colours, indices.Select(i => (int)i))));
    }

    [Test]
    public void Only_the_first_frame_of_an_animation_is_kept()
    {
        var colours = TestGifs.Colours(4);
        var gif = TestGifs.Build(2, 1, colours, new Frame(0, 0, 2, 1, [1, 2]), new Frame(0, 0, 2, 1, [3, 3]));

        Assert.That(GifDecoder.ToRgba(gif, 2, 1).Rgba, Is.EqualTo(Rgba(colours, [1, 2])));
    }

    [Test]
    public void The_web_s_classic_transparent_pixel_decodes()
    {
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

        Assert.That(GifDecoder.ToRgba(gif, 1, 1).Rgba, Is.EqualTo(new byte[4]));
    }

    private static IEnumerable<TestCaseData> Broken()
    {
        var gif = TestGifs.Build(4, 4, TestGifs.Colours(4), new Frame(0, 0, 4, 4, new byte[16]));
        yield return new TestCaseData(gif[..^8], "truncated or malformed").SetName("A GIF cut short is refused");
        yield return new TestCaseData(TestImages.GifHeader(4, 4), "truncated or malformed").SetName("A GIF without a frame is refused");
        yield return new TestCaseData(TestGifs.Build(4, 4, TestGifs.Colours(4), new Frame(2, 0, 4, 4, new byte[16])), "outside its canvas")
            .SetName("A frame larger than the checked canvas is refused");
    }

    [TestCaseSource(nameof(Broken))]
    public void A_broken_GIF_is_refused_with_the_reason(byte[] gif, string why)
    {
        var (rgba, problem) = GifDecoder.ToRgba(gif, 4, 4);

        Assert.That(rgba, Is.Null);
        Assert.That(problem, Does.Contain(why));
    }

    [Test]
    public void Corrupted_GIFs_never_throw()
    {
        var random = new Random(11);
        var indices = new byte[10 * 8];
        random.NextBytes(indices);
        var original = TestGifs.Build(10, 8, TestGifs.Colours(256), new Frame(0, 0, 10, 8, indices) { Transparent = 5 });
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);

            (byte[]? Rgba, string? Problem) result = default;
            Assert.That(() => result = GifDecoder.ToRgba(damaged, 10, 8), Throws.Nothing);
            Assert.That(result.Rgba is null ? result.Problem is { Length: > 0 } : result.Rgba.Length == 10 * 8 * 4, Is.True);
        }
    }
}
