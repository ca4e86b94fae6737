using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The official Anthropic .NET SDK (NuGet <c>Anthropic</c>) against the gateway, with its response
/// validation on: it refuses any answer whose shape differs from the API's.
/// </summary>
public sealed class AnthropicSdkTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task The_SDK_reads_a_whole_message_with_usage(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = ChatRequests.Model,
            MaxTokens = 256,
            System = "Be brief.",
            Messages = [new UserMessageParam { Content = FakeCli.Directives("reply Hello from the SDK", "usage in=12 out=5 cache_read=3") }],
        }, cancellationToken);

        Assert.That(message.ID, Does.StartWith("msg_"));
        Assert.That(message.Content, Has.Count.EqualTo(1));
        Assert.That(message.Content[0].TryPickText(out var text), Is.True);
        Assert.That(text!.Text, Is.EqualTo("Hello from the SDK"));
        Assert.That(message.StopReason?.Raw(), Is.EqualTo("end_turn"));
        Assert.That(message.Usage.InputTokens, Is.EqualTo(12));
        Assert.That(message.Usage.OutputTokens, Is.EqualTo(5));
        Assert.That(message.Usage.CacheReadInputTokens, Is.EqualTo(3));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_SDK_streams_text_and_thinking_deltas(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);

        var text = "";
        var thinking = "";
        string? stopReason = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = ChatRequests.Model,
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = FakeCli.Directives("thinking Pondering", "reply Streamed answer here") }],
        }, cancellationToken))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta))
            {
                if (delta.Delta.TryPickText(out var piece)) text += piece.Text;
                if (delta.Delta.TryPickThinking(out var thought)) thinking += thought.Thinking;
            }
            if (streamEvent.TryPickDelta(out var end)) stopReason = end.Delta.StopReason?.Raw();
        }

        Assert.That(text, Is.EqualTo("Streamed answer here"));
        Assert.That(thinking, Is.EqualTo("Pondering"));
        Assert.That(stopReason, Is.EqualTo("end_turn"));
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(60_000)]
    public async Task The_SDK_gets_a_tool_use_and_sends_its_result_back(bool stream, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);
        Tool readFile = new()
        {
            Name = "read_file",
            Description = "Read a file from the workspace.",
            InputSchema = new InputSchema
            {
                Properties = new Dictionary<string, JsonElement> { ["path"] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
                Required = ["path"],
            },
        };
        MessageParam question = new UserMessageParam { Content = FakeCli.Directives("tool mcp__w__read_file {\"path\":\"src/a.ts\"}") };
        var first = new MessageCreateParams { Model = ChatRequests.Model, MaxTokens = 256, Tools = [readFile], Messages = [question] };

        var (id, name, input) = stream ? await StreamedToolUseAsync(client, first, cancellationToken) : await ToolUseAsync(client, first, cancellationToken);

        Assert.That(name, Is.EqualTo("read_file"));
        Assert.That(input, Is.EqualTo("src/a.ts"));
        var answer = await client.Messages.Create(new MessageCreateParams
        {
            Model = ChatRequests.Model,
            MaxTokens = 256,
            Tools = [readFile],
            Messages =
            [
                question,
                new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = id, Name = name, Input = new Dictionary<string, JsonElement> { ["path"] = JsonDocument.Parse("\"src/a.ts\"").RootElement } } } },
                new UserMessageParam { Content = new List<ContentBlockParam>
                {
                    new ToolResultBlockParam { ToolUseID = id, Content = "export const a = 1;" },
                    new TextBlockParam { Text = FakeCli.Directives("reply The file exports a.") },
                } },
            ],
        }, cancellationToken);
        Assert.That(answer.Content[0].TryPickText(out var text), Is.True);
        Assert.That(text!.Text, Is.EqualTo("The file exports a."));
    }

    private static async Task<(string Id, string Name, string? Path)> ToolUseAsync(AnthropicClient client, MessageCreateParams request, CancellationToken cancellationToken)
    {
        var message = await client.Messages.Create(request, cancellationToken);
        Assert.That(message.StopReason?.Raw(), Is.EqualTo("tool_use"));
        var use = message.Content.Select(b => b.TryPickToolUse(out var u) ? u : null).OfType<ToolUseBlock>().Single();
        return (use.ID, use.Name, use.Input["path"].GetString());
    }

    private static async Task<(string Id, string Name, string? Path)> StreamedToolUseAsync(AnthropicClient client, MessageCreateParams request, CancellationToken cancellationToken)
    {
        string? id = null, name = null, stopReason = null;
        var json = "";
        await foreach (var streamEvent in client.Messages.CreateStreaming(request, cancellationToken))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var use)) (id, name) = (use.ID, use.Name);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var partial)) json += partial.PartialJson;
            if (streamEvent.TryPickDelta(out var end)) stopReason = end.Delta.StopReason?.Raw();
        }
        Assert.That(stopReason, Is.EqualTo("tool_use"));
        return (id!, name!, JsonDocument.Parse(json).RootElement.GetProperty("path").GetString());
    }

    private static AnthropicClient ClientFor(TestGateway gateway) => new()
    {
        ApiKey = "sk-unused-by-an-open-gateway",
        BaseUrl = gateway.BaseUrl.ToString().TrimEnd('/'),
        ResponseValidation = true,
        MaxRetries = 0,
    };
}
