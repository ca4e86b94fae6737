using System.Text.Json;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>The few facts about a POST /v1/messages body that decide the fake's answer.</summary>
internal sealed record MessagesRequest(string Model, bool Stream, bool EndsWithToolResult, int ApproxInputTokens)
{
    private const string DefaultModel = "claude-fake-1";

    /// <summary>Null when the body is not a JSON object (the real API answers that with a 400).</summary>
    public static MessagesRequest? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()!
                : DefaultModel;
            // Only a literal true streams, as with the real API.
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            // A rough 4 characters per token: enough for usage numbers that grow with the request.
            return new MessagesRequest(model, stream, LastUserTurnIsToolResult(root), Math.Max(1, body.Length / 4));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the last user message answers a tool call. The fake then ends the loop with text
    /// instead of calling the tool again, which would make Claude Code loop until --max-turns.
    /// </summary>
    private static bool LastUserTurnIsToolResult(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array) return false;
        // Claude Code also puts role "system" entries into messages[], so look for the last "user" one.
        var lastUser = messages.EnumerateArray()
            .LastOrDefault(message => message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("role", out var role) && role.ValueEquals("user"));
        if (lastUser.ValueKind != JsonValueKind.Object
            || !lastUser.TryGetProperty("content", out var content)
            || content.ValueKind != JsonValueKind.Array) return false;
        return content.EnumerateArray().Any(block => block.ValueKind == JsonValueKind.Object
            && block.TryGetProperty("type", out var type) && type.ValueEquals("tool_result"));
    }
}
