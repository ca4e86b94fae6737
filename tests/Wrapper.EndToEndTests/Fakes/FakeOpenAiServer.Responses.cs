using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>The Responses API stream (https://platform.openai.com/docs/api-reference/responses-streaming), as Codex reads it.</summary>
internal sealed partial class FakeOpenAiServer
{
    private async Task ResponsesAsync(HttpContext context, IReadOnlyList<string> pieces)
    {
        const string responseId = "resp_fake", itemId = "msg_fake";
        var text = string.Concat(pieces);
        var sequence = 0;
        Task Event(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return SendAsync(context, data, type);
        }
        JsonObject Response(string status, JsonArray output, JsonObject? usage = null) => new()
        {
            ["id"] = responseId, ["object"] = "response", ["created_at"] = 1767225600, ["status"] = status, ["model"] = "fake",
            ["output"] = output, ["usage"] = usage,
        };
        JsonObject Message(string content, string status) => new()
        {
            ["id"] = itemId, ["type"] = "message", ["status"] = status, ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = content, ["annotations"] = new JsonArray() }),
        };

        await Event("response.created", new JsonObject { ["response"] = Response("in_progress", []) });
        await Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Message("", "in_progress") });
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && ChunkDelay > TimeSpan.Zero) await Task.Delay(ChunkDelay, context.RequestAborted);
            await Event("response.output_text.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = pieces[i] });
        }
        await Event("response.output_text.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text });
        await Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Message(text, "completed") });
        await Event("response.completed", new JsonObject
        {
            ["response"] = Response("completed", new JsonArray(Message(text, "completed")), new JsonObject
            {
                ["input_tokens"] = PromptTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = CachedTokens },
                ["output_tokens"] = pieces.Count,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = PromptTokens + pieces.Count,
            }),
        });
    }
}
