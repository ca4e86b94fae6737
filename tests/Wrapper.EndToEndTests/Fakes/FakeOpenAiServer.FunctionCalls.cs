using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// A Responses API answer that calls functions (https://platform.openai.com/docs/api-reference/responses-streaming):
/// each call an output item of type <c>function_call</c> whose arguments stream as
/// <c>response.function_call_arguments.delta</c> pieces, optionally after a message.
/// </summary>
internal sealed partial class FakeOpenAiServer
{
    /// <summary>
    /// When set, every Responses call is answered with these calls, in this order, but one whose input
    /// ends with a call's output (the CLI ran a tool inside its turn), which gets the text answer. The
    /// namespace is what a namespaced tool (Codex's MCP tools) is called under; null for a plain function.
    /// </summary>
    public IReadOnlyList<(string? Namespace, string Name, string Arguments)> FunctionCalls { get; set; } = [];

    /// <summary>When set with <see cref="FunctionCalls"/> or <see cref="ChatToolCalls"/>, this text comes before the calls.</summary>
    public string? TextBeforeCalls { get; set; }

    private static bool EndsWithFunctionOutput(string body) =>
        (JsonNode.Parse(body)?["input"] as JsonArray)?.LastOrDefault()?["type"]?.GetValue<string>() == "function_call_output";

    private async Task FunctionCallsAsync(HttpContext context)
    {
        const string responseId = "resp_fake_calls";
        var sequence = 0;
        Task Event(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return SendAsync(context, data, type);
        }
        var output = new JsonArray();
        JsonObject Response(string status, JsonObject? usage = null) => new()
        {
            ["id"] = responseId, ["object"] = "response", ["created_at"] = 1767225600, ["status"] = status, ["model"] = "fake",
            ["output"] = output.DeepClone(), ["usage"] = usage,
        };

        await Event("response.created", new JsonObject { ["response"] = Response("in_progress") });
        if (TextBeforeCalls is { } text)
        {
            var message = new JsonObject
            {
                ["id"] = "msg_fake_preamble", ["type"] = "message", ["status"] = "completed", ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
            };
            await Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = message.DeepClone() });
            await Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = message.DeepClone() });
            output.Add(message);
        }
        for (var i = 0; i < FunctionCalls.Count; i++)
        {
            var (ns, name, arguments) = FunctionCalls[i];
            var itemId = $"fc_fake_{i}";
            JsonObject Call(string status, string args)
            {
                var call = new JsonObject { ["id"] = itemId, ["type"] = "function_call", ["status"] = status, ["call_id"] = $"call_fake_{i}" };
                if (ns is not null) call["namespace"] = ns;
                call["name"] = name;
                call["arguments"] = args;
                return call;
            }
            var index = output.Count;
            await Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = Call("in_progress", "") });
            foreach (var piece in TextPieces.ByLength(arguments))
                await Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["delta"] = piece });
            await Event("response.function_call_arguments.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["arguments"] = arguments });
            await Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = Call("completed", arguments) });
            output.Add(Call("completed", arguments));
        }
        await Event("response.completed", new JsonObject
        {
            ["response"] = Response("completed", new JsonObject
            {
                ["input_tokens"] = PromptTokens,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = CachedTokens },
                ["output_tokens"] = 5 * FunctionCalls.Count,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = PromptTokens + 5 * FunctionCalls.Count,
            }),
        });
    }
}
