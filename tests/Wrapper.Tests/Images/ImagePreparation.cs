using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Images;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Images;

/// <summary>Runs images through the gateway's <see cref="ImagePreparer"/>, as a request's new images.</summary>
internal static class ImagePreparation
{
    public static async Task<IReadOnlyList<PreparedImage>> PrepareAsync(ImageOptions options, params byte[][] images)
    {
        var wrapped = Options.Create(options);
        using var downloader = new ImageDownloader(wrapped);
        using var preparer = new ImagePreparer(wrapped, downloader);
        return await preparer.PrepareAsync(Request(images), CancellationToken.None);
    }

    public static async Task<PreparedImage> PrepareAsync(byte[] image) => (await PrepareAsync(new ImageOptions(), image)).Single();

    /// <summary>The gateway's 400 for these images (fails the test when they are accepted).</summary>
    public static async Task<GatewayError> RefusalAsync(ImageOptions options, params byte[][] images)
    {
        try
        {
            await PrepareAsync(options, images);
        }
        catch (GatewayException e)
        {
            return e.Error;
        }
        Assert.Fail("the images were accepted");
        throw new InvalidOperationException();
    }

    public static Task<GatewayError> RefusalAsync(byte[] image) => RefusalAsync(new ImageOptions(), image);

    /// <summary>The RGBA pixels of what reached the CLI, which must be a PNG.</summary>
    public static byte[] PngPixels(PreparedImage image)
    {
        Assert.That(image.Format, Is.EqualTo(ImageFormat.Png));
        Assert.That(image.Bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        var pixels = TestImages.PixelsOf(image.Bytes, out var width, out var height);
        Assert.That((width, height), Is.EqualTo((image.Width, image.Height)));
        return pixels;
    }

    public static CompletionRequest Request(params byte[][] images) => new()
    {
        Model = "claude-x",
        SystemPrompt = null,
        Messages = [new ConversationMessage(ConversationRole.User, "look")
        {
            Images = [.. images.Select((bytes, i) => new ImageRef(TestImages.DataUrl(bytes), $"messages[0].content[{i}]"))],
        }],
    };
}
