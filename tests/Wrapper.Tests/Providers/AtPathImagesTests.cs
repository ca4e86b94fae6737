using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Providers;

public sealed class AtPathImagesTests : SandboxTestBase
{
    [Test]
    public void New_images_become_owner_only_files_in_the_workspace_named_by_their_format_and_referenced_with_at_paths()
    {
        var png = TestImages.Png(2, 2);
        var webp = TestImages.WebPHeader(1, 1);
        var request = new CompletionRequest
        {
            Model = "gemini-2.5-flash",
            SystemPrompt = null,
            Messages = [new ConversationMessage(ConversationRole.User, "Look") { Images = [new("data:a", "p0"), new("data:b", "p1")] }],
            Images = [new PreparedImage(1, ImageFormat.Png, png, 2, 2), new PreparedImage(2, ImageFormat.WebP, webp, 1, 1)],
        };
        using var sandbox = Sandbox.Create(Root);

        var prompt = AtPathImages.Prompt(request, sandbox);

        Assert.That(prompt, Does.Contain("[Image #1: attached image 1 @image-001.png]\n[Image #2: attached image 2 @image-002.webp]"));
        Assert.That(File.ReadAllBytes(Path.Combine(sandbox.WorkDirectory, "image-001.png")), Is.EqualTo(png));
        Assert.That(File.ReadAllBytes(Path.Combine(sandbox.WorkDirectory, "image-002.webp")), Is.EqualTo(webp));
        Assert.That(File.GetUnixFileMode(Path.Combine(sandbox.WorkDirectory, "image-001.png")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Without_images_nothing_is_written_and_a_lone_message_goes_as_it_is()
    {
        var request = new CompletionRequest { Model = "qwen-max", SystemPrompt = null, Messages = [new ConversationMessage(ConversationRole.User, "Hi @you")] };
        using var sandbox = Sandbox.Create(Root);

        Assert.That(AtPathImages.Prompt(request, sandbox), Is.EqualTo("Hi @you"));
        Assert.That(Directory.GetFileSystemEntries(sandbox.WorkDirectory), Is.Empty);
    }
}
