using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

internal sealed partial class FakeOpenAiServer
{
    /// <summary>
    /// When set, a Chat Completions request that offers tools and does not end with a tool message
    /// is answered with <see cref="TextBeforeCalls"/> (if any) and then these calls as
    /// <c>delta.tool_calls</c>: per call a first piece with index, id, type and name, then argument
    /// fragments; finish_reason <c>tool_calls</c>, a usage chunk and [DONE].
    /// </summary>
    public IReadOnlyList<FakeFunctionCall> ChatToolCalls { get; set; } = [];

    private bool WantsChatToolCalls(string body)
    {
        if (ChatToolCalls.Count == 0 || CarriesToolResult(body)) return false;
        var request = JsonNode.Parse(body);
        var offersTools = request?["tools"] is JsonArray { Count: > 0 };
        var lastRole = (request?["messages"] as JsonArray)?.LastOrDefault()?["role"]?.GetValue<string>();
        return offersTools && lastRole != "tool";
    }

    private async Task ChatToolCallsAsync(HttpContext context)
    {
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-fake-tools", ["object"] = "chat.completion.chunk", ["created"] = 1767225600, ["model"] = "fake",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await SendAsync(context, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = TextBeforeCalls }, null));
        for (var index = 0; index < ChatToolCalls.Count; index++)
        {
            var call = ChatToolCalls[index];
            await SendAsync(context, Chunk(ToolCallDelta(index, new JsonObject { ["name"] = call.Name, ["arguments"] = "" }, $"call_fake_{index}"), null));
            foreach (var piece in TextPieces.ByLength(call.Arguments))
                await SendAsync(context, Chunk(ToolCallDelta(index, new JsonObject { ["arguments"] = piece }), null));
        }
        await SendAsync(context, Chunk(new JsonObject(), "tool_calls"));
        await SendAsync(context, new JsonObject
        {
            ["id"] = "chatcmpl-fake-tools", ["object"] = "chat.completion.chunk", ["created"] = 1767225600, ["model"] = "fake", ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = 9, ["total_tokens"] = PromptTokens + 9 },
        });
        await WriteAsync(context, "data: [DONE]\n\n");
    }

    private static JsonObject ToolCallDelta(int index, JsonObject function, string? id = null)
    {
        var call = new JsonObject { ["index"] = index };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }
        call["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }
}
