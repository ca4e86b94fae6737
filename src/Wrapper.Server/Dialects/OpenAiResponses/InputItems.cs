using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// <c>input</c> as a list of items: a string is one user message; each item gets an <c>id</c> when it
/// has none, as OpenAI gives them, so <c>GET /v1/responses/{id}/input_items</c> can list them.
/// </summary>
internal static class InputItems
{
    public static List<JsonElement> Normalise(JsonElement? input)
    {
        switch (input)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return [];
            case { ValueKind: JsonValueKind.String } text:
                return [Message("user", text.GetString()!)];
            case { ValueKind: JsonValueKind.Array } items:
                var list = new List<JsonElement>();
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                        throw ResponsesErrors.Invalid($"input[{i}] must be an item object such as {{\"role\":\"user\",\"content\":\"...\"}}.", $"input[{i}]");
                    list.Add(WithId(item));
                    i++;
                }
                return list;
            default:
                throw ResponsesErrors.Invalid("'input' must be a string or an array of input items.", "input");
        }
    }

    /// <summary>A message item with one text part, as OpenAI lists a string input.</summary>
    public static JsonElement Message(string role, string text) => WithId(ResponsesJsonNode.ToElement(new JsonObject
    {
        ["type"] = "message",
        ["role"] = role,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
    }));

    private static JsonElement WithId(JsonElement item)
    {
        if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) return item;
        var node = JsonObject.Create(item)!;
        var type = ResponseTools.Text(item, "type") ?? "message";
        var copy = new JsonObject { ["id"] = ResponseIds.New(Prefix(type)) };
        foreach (var (name, value) in node) copy[name] = value?.DeepClone();
        if (!copy.ContainsKey("type")) copy["type"] = type;
        return ResponsesJsonNode.ToElement(copy);
    }

    private static string Prefix(string type) => type switch
    {
        "function_call" => "fc_",
        "function_call_output" => "fco_",
        "custom_tool_call" => "ctc_",
        "custom_tool_call_output" => "ctco_",
        "reasoning" => "rs_",
        _ => "msg_",
    };
}
