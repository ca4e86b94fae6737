using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>One piece of the conversation as an upstream API carries it: a text, an image, a call or a call's result.</summary>
internal sealed record NativeTurn(string Role, string Kind, string Text, string? CallId = null)
{
    public override string ToString() => $"{Role} {Kind}{(CallId is null ? "" : $" [{CallId}]")}: {Text}";
}

/// <summary>
/// The conversation of a CLI's last model call read from each API's own structures: Responses input
/// items (Codex), Gemini contents and parts, Chat Completions messages (Qwen Code). The CLI's own
/// context (its instructions, environment notes) is left out: only what the client's turns became.
/// Gemini CLI's own are its <c>&lt;session_context&gt;</c> part and the model turn it adds when a prompt
/// follows tool results (docs/cli/REPORT.md §11 "Gemini CLI").
/// </summary>
internal static class NativeTurns
{
    public static JsonObject LastModelCall(string cli, FakeModelServer upstream) =>
        JsonNode.Parse(upstream.Requests.Last(r => IsModelCall(cli, r)).Body)!.AsObject();

    public static IReadOnlyList<JsonObject> ModelCalls(string cli, FakeModelServer upstream) =>
        [.. upstream.Requests.Where(r => IsModelCall(cli, r)).Select(r => JsonNode.Parse(r.Body)!.AsObject())];

    public static IReadOnlyList<NativeTurn> Of(string cli, JsonObject call) => cli switch
    {
        "codex" => Responses(call),
        "gemini" => Gemini(call),
        _ => Chat(call),
    };

    private static bool IsModelCall(string cli, RecordedRequest request) => cli switch
    {
        "codex" => request.Path == "/v1/responses",
        "gemini" => request.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal),
        _ => request.Path == "/v1/chat/completions" && JsonNode.Parse(request.Body)?["stream"]?.GetValue<bool>() == true,
    };

    private static List<NativeTurn> Responses(JsonObject call)
    {
        var turns = new List<NativeTurn>();
        foreach (var item in call["input"]!.AsArray().Select(i => i!.AsObject()))
        {
            switch (item["type"]?.GetValue<string>())
            {
                case "message" when item["role"]!.GetValue<string>() is "user" or "assistant":
                    var role = item["role"]!.GetValue<string>();
                    foreach (var part in item["content"]!.AsArray().Select(p => p!.AsObject()))
                    {
                        if (part["type"]!.GetValue<string>() == "input_image") turns.Add(new(role, "image", part["image_url"]!.GetValue<string>()));
                        else if (part["text"]!.GetValue<string>() is var text && !text.StartsWith("<environment_context>", StringComparison.Ordinal))
                            turns.Add(new(role, "text", text.TrimEnd('\n')));
                    }
                    break;
                case "function_call":
                    turns.Add(new("assistant", "call", $"{item["namespace"]?.GetValue<string>()}/{item["name"]!.GetValue<string>()} {item["arguments"]!.GetValue<string>()}", item["call_id"]!.GetValue<string>()));
                    break;
                case "function_call_output":
                    turns.Add(new("tool", "result", item["output"]!.ToString(), item["call_id"]!.GetValue<string>()));
                    break;
            }
        }
        return turns;
    }

    private static List<NativeTurn> Gemini(JsonObject call)
    {
        var turns = new List<NativeTurn>();
        foreach (var content in call["contents"]!.AsArray().Select(c => c!.AsObject()))
        {
            var role = content["role"]!.GetValue<string>() == "model" ? "assistant" : "user";
            foreach (var part in content["parts"]!.AsArray().Select(p => p!.AsObject()))
            {
                if (part["text"] is { } text)
                {
                    if (!IsGeminiCliContext(text.GetValue<string>())) turns.Add(new(role, "text", text.GetValue<string>().TrimEnd('\n')));
                }
                else if (part["inlineData"] is { } data) turns.Add(new(role, "image", data["mimeType"]!.GetValue<string>()));
                else if (part["functionCall"] is { } fc)
                    turns.Add(new("assistant", "call", $"/{fc["name"]!.GetValue<string>()} {fc["args"]!.ToJsonString()}", fc["id"]?.GetValue<string>()));
                else if (part["functionResponse"] is { } fr)
                    turns.Add(new("tool", "result", fr["response"]!.ToJsonString(), fr["id"]?.GetValue<string>()));
            }
        }
        return turns;
    }

    private static bool IsGeminiCliContext(string text) =>
        text.StartsWith("<session_context>", StringComparison.Ordinal) || text == "[The previous response was interrupted before it completed.]";

    private static List<NativeTurn> Chat(JsonObject call)
    {
        var turns = new List<NativeTurn>();
        foreach (var message in call["messages"]!.AsArray().Select(m => m!.AsObject()))
        {
            var role = message["role"]!.GetValue<string>();
            if (role == "system") continue;
            if (role == "tool")
            {
                turns.Add(new("tool", "result", message["content"] is JsonArray texts
                    ? string.Concat(texts.Select(p => p!["text"]?.GetValue<string>())) : message["content"]!.GetValue<string>(), message["tool_call_id"]!.GetValue<string>()));
                continue;
            }
            switch (message["content"])
            {
                case JsonValue text when text.GetValue<string>().Length > 0:
                    turns.Add(new(role, "text", text.GetValue<string>().TrimEnd('\n')));
                    break;
                case JsonArray parts:
                    // Qwen Code's own context (skills, environment, date) comes as <system-reminder> text parts.
                    foreach (var part in parts.Select(p => p!.AsObject()).Where(p => p["text"]?.GetValue<string>().StartsWith("<system-reminder>", StringComparison.Ordinal) != true))
                        turns.Add(part["type"]!.GetValue<string>() == "image_url"
                            ? new(role, "image", part["image_url"]!["url"]!.GetValue<string>())
                            : new(role, "text", part["text"]!.GetValue<string>().TrimEnd('\n')));
                    break;
            }
            foreach (var tc in (message["tool_calls"] as JsonArray ?? []).Select(t => t!.AsObject()))
                turns.Add(new("assistant", "call", $"/{tc["function"]!["name"]!.GetValue<string>()} {tc["function"]!["arguments"]!.GetValue<string>()}", tc["id"]!.GetValue<string>()));
        }
        return turns;
    }
}
