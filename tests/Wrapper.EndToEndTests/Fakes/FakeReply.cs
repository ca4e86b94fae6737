using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// A complete fake answer: its blocks, stop reason and usage, rendered either as the SSE event
/// sequence of https://docs.anthropic.com/en/api/messages-streaming or as one message object.
/// </summary>
internal sealed class FakeReply(
    string model,
    IReadOnlyList<ReplyBlock> blocks,
    string stopReason,
    int inputTokens,
    int cacheReadTokens,
    int cacheCreationTokens)
{
    private readonly string messageId = $"msg_fake_{Guid.NewGuid():N}"[..29];

    /// <summary>Output tokens are counted as one per delta: small, nonzero and predictable.</summary>
    private int OutputTokens => Math.Max(1, blocks.Sum(block => block.Deltas.Count));

    public IEnumerable<(string Event, JsonObject Data)> Events()
    {
        yield return ("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = Envelope(content: [], stopReason: null, Usage(outputTokens: 1)),
        });
        for (var index = 0; index < blocks.Count; index++)
        {
            yield return ("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = index, ["content_block"] = blocks[index].Start.DeepClone(),
            });
            // The real API sends one ping right after the first block starts.
            if (index == 0) yield return ("ping", new JsonObject { ["type"] = "ping" });
            foreach (var delta in blocks[index].Deltas)
            {
                yield return ("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta.DeepClone(),
                });
            }
            yield return ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
        }
        yield return ("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = Usage(OutputTokens),
        });
        yield return ("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    public JsonObject Message() =>
        Envelope([.. blocks.Select(block => block.Whole.DeepClone())], stopReason, Usage(OutputTokens));

    private JsonObject Envelope(JsonArray content, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = messageId,
        ["type"] = "message",
        ["role"] = "assistant",
        // Echoed so tests can see which model the CLI asked for in its own output.
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = usage,
    };

    private JsonObject Usage(int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["cache_creation_input_tokens"] = cacheCreationTokens,
        ["cache_read_input_tokens"] = cacheReadTokens,
        ["output_tokens"] = outputTokens,
        ["service_tier"] = "standard",
    };
}
