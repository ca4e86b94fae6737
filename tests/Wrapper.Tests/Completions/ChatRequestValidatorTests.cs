using Wrapper.Server.Dialects.OpenAiChat;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Tests.Completions;

public sealed class ChatRequestValidatorTests
{
    [Test]
    public void System_and_developer_texts_are_joined_in_order_and_left_out_of_the_conversation()
    {
        var request = ChatRequestValidator.Validate(Body(
            Message("system", "A"), Message("user", "Q1"), Message("developer", "B"), Message("user", "Q2")));

        Assert.That(request.SystemPrompt, Is.EqualTo("A\n\nB"));
        Assert.That(request.Messages.Select(m => m.Text), Is.EqualTo(new[] { "Q1", "Q2" }));
    }

    [TestCase(-1, null, null)]
    [TestCase(0, null, null)]
    [TestCase(null, 256, 256)]
    [TestCase(512, 256, 512)]
    public void Max_completion_tokens_wins_over_max_tokens_and_non_positive_means_unset(int? maxCompletion, int? max, int? expected)
    {
        var request = ChatRequestValidator.Validate(Body(Message("user", "hi")) with { MaxCompletionTokens = maxCompletion, MaxTokens = max });

        Assert.That(request.MaxOutputTokens, Is.EqualTo(expected));
    }

    [Test]
    public void Text_parts_are_joined_line_by_line_and_images_kept()
    {
        var content = new MessageContent(
        [
            new ContentPart { Type = "text", Text = "<task>" },
            new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = "data:image/png;base64,AAAA" } },
            new ContentPart { Type = "text", Text = "</task>" },
        ]);

        var message = ChatRequestValidator.Validate(Body(new ChatMessage { Role = "user", Content = content })).Messages.Single();

        Assert.That(message.Text, Is.EqualTo("<task>\n</task>"));
        Assert.That(message.ImageCount, Is.EqualTo(1));
    }

    [Test]
    public void Stream_options_are_read()
    {
        var request = ChatRequestValidator.Validate(Body(Message("user", "hi")) with { Stream = true, StreamOptions = new StreamOptions { IncludeUsage = true } });

        Assert.That(request.Stream && request.IncludeUsage, Is.True);
    }

    [Test]
    public void A_null_message_is_refused_with_its_position()
    {
        var error = Assert.Throws<GatewayException>(() => ChatRequestValidator.Validate(new ChatCompletionRequest { Model = "claude-x", Messages = [Message("user", "hi"), null] }))!.Error;

        Assert.That(error.Param, Is.EqualTo("messages[1]"));
        Assert.That(error.Status, Is.EqualTo(400));
    }

    private static ChatCompletionRequest Body(params ChatMessage[] messages) => new() { Model = "claude-x", Messages = [.. messages] };

    private static ChatMessage Message(string role, string text) =>
        new() { Role = role, Content = new MessageContent([new ContentPart { Type = "text", Text = text }]) };
}
