using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// One content block of a fake answer in both of its wire forms: streamed (the
/// content_block_start payload plus its deltas) and whole (the block inside a non-streamed message).
/// </summary>
internal sealed record ReplyBlock(JsonObject Start, IReadOnlyList<JsonObject> Deltas, JsonObject Whole)
{
    // Claude Code keeps thinking signatures to send back on the next turn but never checks them.
    private const string FakeSignature = "ZmFrZS10aGlua2luZy1zaWduYXR1cmU=";

    public static ReplyBlock Text(string text) => new(
        new JsonObject { ["type"] = "text", ["text"] = "" },
        [.. TextPieces.OnWords(text).Select(piece => new JsonObject { ["type"] = "text_delta", ["text"] = piece })],
        new JsonObject { ["type"] = "text", ["text"] = text });

    /// <summary>Thinking text, then the signature_delta that always closes a thinking block.</summary>
    public static ReplyBlock Thinking(string thinking) => new(
        new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" },
        [
            .. TextPieces.OnWords(thinking).Select(piece => new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece }),
            new JsonObject { ["type"] = "signature_delta", ["signature"] = FakeSignature },
        ],
        new JsonObject { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = FakeSignature });

    /// <summary>A tool call whose arguments stream as input_json_delta fragments; the start block has empty input, as in the real API.</summary>
    public static ReplyBlock ToolUse(string name, string inputJson)
    {
        var id = $"toolu_fake_{Guid.NewGuid():N}"[..27];
        return new(
            new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = new JsonObject() },
            [.. TextPieces.ByLength(inputJson).Select(piece => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece })],
            new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = JsonNode.Parse(inputJson) });
    }
}
