using System.Buffers.Binary;
using Wrapper.TestSupport;
using static Wrapper.Tests.Images.ImagePreparation;

namespace Wrapper.Tests.Images;

/// <summary>Formats come from the bytes, dimensions from the headers before anything decodes; BMP becomes PNG.</summary>
public sealed class BmpAndHeaderTests
{
    private static IEnumerable<TestCaseData> WebImages()
    {
        yield return new TestCaseData(TestImages.Png(3, 5), "image/png", 3, 5).SetName("A PNG goes to the CLI as it is, its size read");
        yield return new TestCaseData(TestImages.JpegHeader(640, 480), "image/jpeg", 640, 480).SetName("A JPEG goes to the CLI as it is, its size read from its header");
    }

    [TestCaseSource(nameof(WebImages))]
    public async Task Formats_every_model_takes_pass_through_byte_for_byte(byte[] bytes, string mediaType, int width, int height)
    {
        var image = await PrepareAsync(bytes);

        Assert.That((image.MediaType, image.Width, image.Height), Is.EqualTo((mediaType, width, height)));
        Assert.That(image.Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public async Task A_BMP_converts_to_a_PNG_of_the_same_size_and_colour()
    {
        var image = await PrepareAsync(TestImages.Bmp24(3, 2, b: 10, g: 20, r: 30));

        Assert.That((image.Width, image.Height), Is.EqualTo((3, 2)));
        Assert.That(PngPixels(image), Is.EqualTo(Enumerable.Repeat(new byte[] { 30, 20, 10, 255 }, 6).SelectMany(p => p)));
    }

    [TestCase("plain text pretending to be an image")]
    [TestCase("")]
    public async Task Bytes_of_no_known_format_are_a_400(string text)
    {
        var error = await RefusalAsync(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.That(error.Message, Does.Contain("is not a PNG, JPEG, GIF, WebP, BMP, TIFF"));
    }

    [Test]
    public async Task A_BMP_with_a_height_of_minus_2_to_the_31_is_a_400()
    {
        var bmp = TestImages.Bmp24(2, 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), int.MinValue);

        var error = await RefusalAsync(bmp);

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Message, Does.StartWith("The image at messages[0].content[0] is a BMP file"));
    }

    private static IEnumerable<TestCaseData> Bombs()
    {
        yield return new TestCaseData(TestImages.PngHeaderOnly(100_000, 100_000)).SetName("A PNG claiming 100000×100000 is refused from its header");
        yield return new TestCaseData(TestImages.Bmp24Header(50_000, 50_000)).SetName("A BMP claiming 50000×50000 is refused from its header");
        yield return new TestCaseData(TestGifs.Build(65_535, 65_535, TestGifs.Colours(2), new TestGifs.Frame(0, 0, 1, 1, [0]))).SetName("A GIF claiming 65535×65535 is refused from its header");
        yield return new TestCaseData(TestTiffs.Build(4, 4, new byte[48], fields: new() { [256] = [100_000], [257] = [60_000] })).SetName("A TIFF claiming 100000×60000 is refused from its header");
    }

    [TestCaseSource(nameof(Bombs))]
    public async Task A_decompression_bomb_is_refused_before_decoding(byte[] bomb)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await RefusalAsync(bomb);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.That(error.Message, Does.Contain("MAX_IMAGE_PIXELS"));
        Assert.That(allocated, Is.LessThan(8_000_000), "nothing of the claimed canvas was allocated");
    }

    private static IEnumerable<TestCaseData> Originals()
    {
        yield return new TestCaseData(TestImages.NoisePng(12, 10)).SetName("Corrupted PNGs are passed on at their checked size or refused, never thrown");
        yield return new TestCaseData(TestImages.Bmp24(12, 10, b: 1, g: 2, r: 3)).SetName("Corrupted BMPs are converted at their checked size or refused, never thrown");
        yield return new TestCaseData(TestImages.JpegHeader(12, 10)).SetName("Corrupted JPEG headers are passed on at their checked size or refused, never thrown");
    }

    [TestCaseSource(nameof(Originals))]
    public async Task Corrupted_images_are_accepted_at_their_checked_size_or_refused(byte[] original)
    {
        var random = new Random(original.Length);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            await ImageFuzzing.AcceptedOrRefusedAsync(damaged);
        }
    }
}
