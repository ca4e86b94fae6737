using Wrapper.Server.Core;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers;

public sealed class TranscriptImagesTests
{
    private static ImageRef Image(int n) => new($"data:image/png;base64,{n}", $"messages[0].content[{n}]");

    [Test]
    public void Image_references_in_the_text_name_that_message_s_own_images_in_order()
    {
        IReadOnlyList<ConversationMessage> messages =
        [
            new ConversationMessage(ConversationRole.User, "Compare [Image #2] with [Image #1]; [Image #3] does not exist.") { Images = [Image(0), Image(1)] },
        ];

        var prompt = TranscriptBuilder.Build(messages, attachesImages: true);

        Assert.That(prompt, Does.Contain("Compare [Image #2: attached image 2] with [Image #1: attached image 1]; [Image #3] does not exist."));
        Assert.That(prompt, Does.Contain("\n[Image #1: attached image 1]\n[Image #2: attached image 2]"), "every image is labelled after the text too");
    }

    [Test]
    public void Attachment_numbers_run_across_the_new_messages_and_earlier_images_keep_a_stable_placeholder()
    {
        IReadOnlyList<ConversationMessage> messages =
        [
            new ConversationMessage(ConversationRole.User, "Old [Image #1]") { Images = [Image(0)] },
            new ConversationMessage(ConversationRole.Assistant, "Seen."),
            new ConversationMessage(ConversationRole.User, "First [Image #1]") { Images = [Image(1)] },
            new ConversationMessage(ConversationRole.User, "Then [Image #2] and [Image #1]") { Images = [Image(2), Image(3)] },
        ];

        var prompt = TranscriptBuilder.Build(messages, attachesImages: true, ["@image-001.png", "@image-002.png", "@image-003.png"]);

        Assert.That(prompt, Does.Contain("Old [Image #1: shown in an earlier turn]\n[Image #1: shown in an earlier turn]\n"));
        Assert.That(prompt, Does.Contain("First [Image #1: attached image 1]\n[Image #1: attached image 1 @image-001.png]\n"));
        Assert.That(prompt, Does.Contain("Then [Image #2: attached image 3] and [Image #1: attached image 2]\n"
            + "[Image #1: attached image 2 @image-002.png]\n[Image #2: attached image 3 @image-003.png]\n"));
        Assert.That(prompt.Split("@image-").Length - 1, Is.EqualTo(3), "each file is referenced once, so the CLI reads it once");
    }

    [Test]
    public void Without_a_hand_off_the_model_is_told_the_images_are_not_shown()
    {
        IReadOnlyList<ConversationMessage> messages = [new ConversationMessage(ConversationRole.User, "What is [Image #1]?") { Images = [Image(0)] }];

        var prompt = TranscriptBuilder.Build(messages);

        Assert.That(prompt, Does.Contain("What is [Image #1: not shown, this model receives no images here]?"));
        Assert.That(prompt, Does.Not.Contain("attached"));
    }
}
