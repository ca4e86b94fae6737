using Wrapper.Server.Images;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Images;

/// <summary>Formats come from the bytes, dimensions from the headers alone.</summary>
public sealed class ImageHeaderTests
{
    private static readonly (string Name, byte[] Bytes, ImageFormat Format)[] Samples =
    [
        ("png", TestImages.Png(3, 5), ImageFormat.Png),
        ("jpeg", TestImages.JpegHeader(640, 480), ImageFormat.Jpeg),
        ("gif", TestImages.GifHeader(320, 200), ImageFormat.Gif),
        ("webp", TestImages.WebPHeader(1920, 1080), ImageFormat.WebP),
        ("bmp", TestImages.Bmp24(7, 4), ImageFormat.Bmp),
        ("tiff little-endian", TestImages.TiffHeader(800, 600), ImageFormat.Tiff),
        ("tiff big-endian", TestImages.TiffHeader(800, 600, littleEndian: false), ImageFormat.Tiff),
    ];

    private static IEnumerable<TestCaseData> Cases() => Samples.Select((s, i) => new TestCaseData(i).SetName($"{s.Name} is recognised from its bytes"));

    [TestCaseSource(nameof(Cases))]
    public void Each_format_is_recognised_from_its_signature(int sample) =>
        Assert.That(ImageSniffer.Detect(Samples[sample].Bytes), Is.EqualTo(Samples[sample].Format));

    [Test]
    public void Dimensions_are_read_from_every_format_header()
    {
        Assert.That(ImageDimensions.Read(TestImages.Png(3, 5), ImageFormat.Png), Is.EqualTo((3, 5)));
        Assert.That(ImageDimensions.Read(TestImages.JpegHeader(640, 480), ImageFormat.Jpeg), Is.EqualTo((640, 480)));
        Assert.That(ImageDimensions.Read(TestImages.GifHeader(320, 200), ImageFormat.Gif), Is.EqualTo((320, 200)));
        Assert.That(ImageDimensions.Read(TestImages.WebPHeader(1920, 1080), ImageFormat.WebP), Is.EqualTo((1920, 1080)));
        Assert.That(ImageDimensions.Read(TestImages.Bmp24(7, 4), ImageFormat.Bmp), Is.EqualTo((7, 4)));
        Assert.That(ImageDimensions.Read(TestImages.TiffHeader(800, 600), ImageFormat.Tiff), Is.EqualTo((800, 600)));
        Assert.That(ImageDimensions.Read(TestImages.TiffHeader(800, 600, littleEndian: false), ImageFormat.Tiff), Is.EqualTo((800, 600)));
    }

    [TestCase("plain text pretending to be an image")]
    [TestCase("")]
    public void Bytes_of_no_known_format_are_not_an_image(string text) =>
        Assert.That(ImageSniffer.Detect(System.Text.Encoding.UTF8.GetBytes(text)), Is.Null);

    [Test]
    public void Truncated_headers_give_no_dimensions()
    {
        Assert.That(ImageDimensions.Read(TestImages.Png()[..12], ImageFormat.Png), Is.Null);
        Assert.That(ImageDimensions.Read(TestImages.JpegHeader(10, 10)[..20], ImageFormat.Jpeg), Is.Null);
        Assert.That(ImageDimensions.Read(TestImages.TiffHeader(10, 10)[..12], ImageFormat.Tiff), Is.Null);
    }

    [Test]
    public void A_BMP_converts_to_a_PNG_of_the_same_size_and_colour()
    {
        var rgba = BmpDecoder.ToRgba(TestImages.Bmp24(3, 2, b: 10, g: 20, r: 30), 3, 2)!;
        var png = PngEncoder.Encode(3, 2, rgba);

        Assert.That(rgba.Take(4), Is.EqualTo(new byte[] { 30, 20, 10, 255 }));
        Assert.That(ImageSniffer.Detect(png), Is.EqualTo(ImageFormat.Png));
        Assert.That(ImageDimensions.Read(png, ImageFormat.Png), Is.EqualTo((3, 2)));
    }
}
