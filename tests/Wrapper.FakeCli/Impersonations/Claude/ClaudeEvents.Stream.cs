using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>The Anthropic SSE events claude forwards as stream_event with --include-partial-messages.</summary>
internal sealed partial class ClaudeEvents
{
    public void MessageStart(string messageId, TokenUsage usage) => StreamEvent(w =>
    {
        w.WriteString("type", "message_start");
        w.WriteStartObject("message");
        w.WriteString("id", messageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", ApiModel);
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        ClaudeUsage.WriteStart(w, usage);
        w.WriteEndObject();
    }, withTtft: true);

    public void BlockStart(int index, AnswerBlock block) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        w.WriteString("type", block.Type);
        w.WriteString(block.Delta.Field, "");
        if (block.IsThinking) w.WriteString("signature", "");
        w.WriteEndObject();
    });

    public void Delta(int index, AnswerBlock block, string chunk) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", block.Delta.DeltaType);
        w.WriteString(block.Delta.Field, chunk);
        w.WriteEndObject();
    });

    /// <summary>Anthropic closes every thinking block with its signature before content_block_stop.</summary>
    public void SignatureDelta(int index) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", "signature_delta");
        w.WriteString("signature", AnswerBlock.FakeSignature);
        w.WriteEndObject();
    });

    public void ToolUseStart(int index, string id, string name) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        w.WriteString("type", "tool_use");
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteStartObject("input");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public void InputJsonDelta(int index, string partialJson) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", "input_json_delta");
        w.WriteString("partial_json", partialJson);
        w.WriteEndObject();
    });

    public void BlockStop(int index) => StreamEvent(w =>
    {
        w.WriteString("type", "content_block_stop");
        w.WriteNumber("index", index);
    });

    public void MessageDelta(string stopReason, TokenUsage usage) => StreamEvent(w =>
    {
        w.WriteString("type", "message_delta");
        w.WriteStartObject("delta");
        w.WriteString("stop_reason", stopReason);
        w.WriteNull("stop_sequence");
        w.WriteEndObject();
        ClaudeUsage.WriteDelta(w, usage);
    });

    public void MessageStop() => StreamEvent(w => w.WriteString("type", "message_stop"));
}
