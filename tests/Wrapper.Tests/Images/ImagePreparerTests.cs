using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Images;

public sealed class ImagePreparerTests
{
    [Test]
    public async Task A_screenshot_resent_turn_after_turn_is_checked_and_converted_once()
    {
        var options = Options.Create(new ImageOptions());
        using var downloader = new ImageDownloader(options);
        using var preparer = new ImagePreparer(options, downloader);
        var url = TestImages.DataUrl(TestImages.Bmp24(20, 20), "image/bmp");
        CompletionRequest Turn(int images) => new()
        {
            Model = "claude-x",
            SystemPrompt = null,
            Messages = [new ConversationMessage(ConversationRole.User, "look") { Images = [.. Enumerable.Range(0, images).Select(i => new ImageRef(url, $"messages[0].content[{i}]"))] }],
        };

        var first = await preparer.PrepareAsync(Turn(1), CancellationToken.None);
        var second = await preparer.PrepareAsync(Turn(2), CancellationToken.None);

        Assert.That(first.Single().Format, Is.EqualTo(ImageFormat.Png));
        Assert.That(second.Select(i => i.Number), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(second.Select(i => i.Bytes), Has.All.SameAs(first.Single().Bytes), "converted once, served from the cache");
    }
}
