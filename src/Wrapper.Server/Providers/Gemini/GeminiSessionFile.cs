using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Images;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>
/// Earlier turns as a Gemini CLI session (JSON lines, docs/cli/REPORT.md §11 "Gemini CLI") that
/// <c>--session-file</c> loads and sends to the model as its own contents: a header line, then a
/// <c>user</c> record per user turn (text and <c>inlineData</c> image parts) and a <c>gemini</c> record
/// per assistant turn, whose <c>toolCalls</c> become <c>functionCall</c> parts with the client's ids and
/// whose results (kept only there; the CLI's own files also repeat them as a user record, which would
/// send each result twice) become the next <c>user</c> content of <c>functionResponse</c> parts.
/// </summary>
internal static class GeminiSessionFile
{
    /// <summary>
    /// The model turn Gemini CLI 0.61.0 adds itself when a new prompt follows tool results
    /// (<c>INTERRUPTED_RESPONSE_PLACEHOLDER</c> in its bundle): written back at the same place, so that
    /// each turn's contents repeat the turn before exactly.
    /// </summary>
    public const string InterruptedPlaceholder = "[The previous response was interrupted before it completed.]";

    /// <summary>Quotes and non-ASCII text stay as they are (the file is read as JSON, never as HTML).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// True when the CLI would leave the user turn out of a resumed history: it skips user records
    /// whose text starts with a slash command, <c>?</c> or its own context tags (<c>isIgnoredUserContent</c>).
    /// </summary>
    public static bool IsDroppedByCli(ConversationMessage message)
    {
        if (message.Role != ConversationRole.User || message.Images.Count > 0) return false;
        var text = message.Text.Trim();
        return text.Length > 0 && (text[0] is '/' or '?'
            || text.StartsWith("<session_context>", StringComparison.Ordinal) || text.StartsWith("<hook_context>", StringComparison.Ordinal));
    }

    /// <summary>The file's text: one JSON object a line.</summary>
    /// <param name="cliName">The name the CLI offers a client's tool under (<c>mcp_w_read_file</c>).</param>
    public static string Render(Guid sessionId, IReadOnlyList<ConversationMessage> turns, Func<string, string> cliName, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        void Line(JsonObject record) => text.Append(record.ToJsonString(Json)).Append('\n');

        // --session-file gives the loaded session a new id and project hash; both must be present to be read as JSON lines.
        Line(new JsonObject
        {
            ["sessionId"] = sessionId.ToString(), ["projectHash"] = "wrapper", ["startTime"] = timestamp,
            ["lastUpdated"] = timestamp, ["kind"] = "main",
        });
        var index = 0;
        JsonObject Record(string type, JsonNode content) => new()
        {
            // Record ids only key the records (a repeated id would replace the earlier one); the model never sees them.
            ["id"] = $"{sessionId:N}-{index++}", ["timestamp"] = timestamp, ["type"] = type, ["content"] = content,
        };

        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            switch (turn.Role)
            {
                case ConversationRole.User:
                    if (i > 0 && turns[i - 1].Role == ConversationRole.Tool) Line(Record("gemini", InterruptedPlaceholder));
                    Line(Record("user", UserParts(turn)));
                    break;
                case ConversationRole.Assistant:
                    var record = Record("gemini", turn.Text);
                    var results = turns.Skip(i + 1).TakeWhile(t => t.Role == ConversationRole.Tool).ToList();
                    if (turn.ToolCalls.Count > 0)
                        record["toolCalls"] = new JsonArray([.. turn.ToolCalls.Select(call => (JsonNode)ToolCall(call, cliName(call.Name ?? ""), results, timestamp))]);
                    Line(record);
                    break;
            }
        }
        return text.ToString();
    }

    private static JsonArray UserParts(ConversationMessage turn)
    {
        var parts = new JsonArray();
        if (turn.Text.Length > 0 || turn.Images.Count == 0) parts.Add(new JsonObject { ["text"] = turn.Text });
        foreach (var image in turn.Images) parts.Add(ImagePart(image.Url));
        return parts;
    }

    /// <summary>A data URL as the inline image part Gemini CLI sends itself; a link (the API cannot fetch it) named as text.</summary>
    private static JsonObject ImagePart(string url)
    {
        if (!Base64DataUrl.TryParse(url, out var mediaType, out var data)) return new JsonObject { ["text"] = $"[Image: {url}]" };
        return new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = mediaType, ["data"] = url[data..] } };
    }

    private static JsonObject ToolCall(HistoryToolCall call, string name, IReadOnlyList<ConversationMessage> results, string timestamp)
    {
        var id = call.Id ?? "";
        var entry = new JsonObject { ["id"] = id, ["name"] = name, ["args"] = Arguments(call.Arguments) };
        if (results.FirstOrDefault(r => r.ToolCallId == id) is { } result)
        {
            entry["result"] = new JsonArray(new JsonObject
            {
                ["functionResponse"] = new JsonObject { ["id"] = id, ["name"] = name, ["response"] = new JsonObject { ["output"] = result.Text } },
            });
        }
        entry["status"] = "success";
        entry["timestamp"] = timestamp;
        return entry;
    }

    /// <summary>The call's arguments as the object the model wrote; anything else (not JSON, not an object) as an empty one.</summary>
    private static JsonObject Arguments(string? arguments)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
