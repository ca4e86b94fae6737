using Wrapper.Server.Diagnostics;
using Wrapper.Server.Images;
using static Wrapper.Tests.Images.ImagePreparation;

namespace Wrapper.Tests.Images;

internal static class ImageFuzzing
{
    /// <summary>Damaged bytes are passed on or give a PNG of the size the header claims (within the limits), or a 400 with a reason: never another exception.</summary>
    public static async Task AcceptedOrRefusedAsync(byte[] damaged, int? width = null, int? height = null)
    {
        var options = new ImageOptions();
        try
        {
            var image = (await PrepareAsync(options, damaged)).Single();
            Assert.That((long)image.Width * image.Height, Is.InRange(1, options.MaxImagePixels));
            if (width is { } w && height is { } h) Assert.That((image.Width, image.Height), Is.EqualTo((w, h)));
            // Passed on as sent (PNG, JPEG, WebP: the header was enough), or converted to a PNG that decodes.
            if (!image.Bytes.AsSpan().SequenceEqual(damaged)) PngPixels(image);
        }
        catch (GatewayException e)
        {
            Assert.That(e.Error.Status, Is.EqualTo(400));
            Assert.That(e.Error.Message, Does.StartWith("The image at messages[0].content[0]"));
        }
    }
}
