using System.Text;
using System.Text.Json;
using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// Input items → the core's conversation. <c>system</c>/<c>developer</c> messages join the system
/// prompt; <c>function_call</c> and <c>custom_tool_call</c> items become the assistant's earlier tool
/// calls, their <c>*_output</c> items the tool results; <c>reasoning</c> items given back are skipped
/// (no CLI here takes earlier reasoning), and so are hosted tools' items (web_search_call, …).
/// </summary>
internal static class ConversationItems
{
    public static (string System, List<ConversationMessage> Messages) Map(IReadOnlyList<JsonElement> items)
    {
        var system = new StringBuilder();
        var messages = new List<ConversationMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var param = $"input[{i}]";
            switch (ResponseTools.Text(item, "type") ?? "message")
            {
                case "message":
                    AddMessage(item, param, system, messages);
                    break;
                case "function_call":
                    AddCall(messages, new HistoryToolCall(Required(item, "call_id", param), Required(item, "name", param), ResponseTools.Text(item, "arguments") ?? "{}"));
                    break;
                case "custom_tool_call":
                    AddCall(messages, new HistoryToolCall(Required(item, "call_id", param), Required(item, "name", param), ResponseTools.CustomArguments(ResponseTools.Text(item, "input"))));
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    messages.Add(new ConversationMessage(ConversationRole.Tool, ToolOutput(item, param)) { ToolCallId = Required(item, "call_id", param) });
                    break;
            }
        }
        return (system.ToString(), messages);
    }

    private static void AddMessage(JsonElement item, string param, StringBuilder system, List<ConversationMessage> messages)
    {
        var (text, images) = MessageContent.Read(item, param);
        switch (ResponseTools.Text(item, "role"))
        {
            case "system" or "developer":
                if (system.Length > 0) system.Append("\n\n");
                system.Append(text);
                break;
            case "user":
                messages.Add(new ConversationMessage(ConversationRole.User, text) { Images = images });
                break;
            case "assistant":
                messages.Add(new ConversationMessage(ConversationRole.Assistant, text));
                break;
            case null:
                throw ResponsesErrors.Invalid($"{param}.role is required for a message.", $"{param}.role");
            case var role:
                throw ResponsesErrors.Invalid($"{param}.role '{role}' is not one of user, assistant, system, developer.", $"{param}.role");
        }
    }

    /// <summary>Calls of one turn belong to one assistant message: the one just before them, unless a result came since.</summary>
    private static void AddCall(List<ConversationMessage> messages, HistoryToolCall call)
    {
        if (messages.Count > 0 && messages[^1] is { Role: ConversationRole.Assistant } last)
            messages[^1] = last with { ToolCalls = [.. last.ToolCalls, call] };
        else
            messages.Add(new ConversationMessage(ConversationRole.Assistant, "") { ToolCalls = [call] });
    }

    // A tool's output is a string, or a list of input_text (and input_image, input_file) parts.
    private static string ToolOutput(JsonElement item, string param)
    {
        if (!item.TryGetProperty("output", out var output)) throw ResponsesErrors.Invalid($"{param}.output is required.", $"{param}.output");
        return output.ValueKind switch
        {
            JsonValueKind.String => output.GetString()!,
            JsonValueKind.Array => string.Join("\n", output.EnumerateArray().Select(part => ResponseTools.Text(part, "text") ?? $"[{ResponseTools.Text(part, "type") ?? "part"} not shown]")),
            _ => throw ResponsesErrors.Invalid($"{param}.output must be a string or an array of content parts.", $"{param}.output"),
        };
    }

    private static string Required(JsonElement item, string property, string param) =>
        ResponseTools.Text(item, property) is { Length: > 0 } value ? value
            : throw ResponsesErrors.Invalid($"{param}.{property} is required.", $"{param}.{property}");
}
