using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Wrapper.IntegrationTests;

/// <summary>The official OpenAI .NET SDK as the client: what scripts and apps will use.</summary>
public sealed class OpenAiSdkTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task The_OpenAI_SDK_gets_a_non_streamed_answer_with_usage(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);

        ChatCompletion completion = await client.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage(FakeCli.Directives("reply Hello from the SDK test", "usage in=12 out=5 cache_read=3"))],
            cancellationToken: cancellationToken);

        Assert.That(completion.Content.Single().Text, Is.EqualTo("Hello from the SDK test"));
        Assert.That(completion.Role, Is.EqualTo(ChatMessageRole.Assistant));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(completion.Model, Is.EqualTo(ChatRequests.Model));
        Assert.That(completion.Usage.InputTokenCount, Is.EqualTo(15));
        Assert.That(completion.Usage.OutputTokenCount, Is.EqualTo(5));
        Assert.That(completion.Usage.TotalTokenCount, Is.EqualTo(20));
        Assert.That(completion.Usage.InputTokenDetails.CachedTokenCount, Is.EqualTo(3));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_OpenAI_SDK_streams_the_answer_piece_by_piece_with_usage_at_the_end(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);
        var text = new StringBuilder();
        var pieces = 0;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in client.CompleteChatStreamingAsync(
            [new UserChatMessage(FakeCli.Directives("reply Streaming through the SDK works", "usage in=9 out=6"))],
            new ChatCompletionOptions(), cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                pieces++;
            }
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.That(text.ToString(), Is.EqualTo("Streaming through the SDK works"));
        Assert.That(pieces, Is.GreaterThan(1));
        Assert.That(finish, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(usage?.InputTokenCount, Is.EqualTo(9));
        Assert.That(usage?.OutputTokenCount, Is.EqualTo(6));
    }

    [Test, CancelAfter(60_000)]
    public void The_OpenAI_SDK_surfaces_a_CLI_auth_failure_as_a_401(CancellationToken cancellationToken)
    {
        var exception = Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            var gateway = await SharedGatewayAsync();
            await ClientFor(gateway).CompleteChatAsync([new UserChatMessage(FakeCli.Directives("error 401"))], cancellationToken: cancellationToken);
        });

        Assert.That(exception!.Status, Is.EqualTo(401));
        Assert.That(exception.Message, Does.Contain("log"));
    }

    private static ChatClient ClientFor(TestGateway gateway) =>
        new(ChatRequests.Model, new ApiKeyCredential("not-needed"),
            new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
}
