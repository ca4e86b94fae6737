using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>The assistant message and the success result of an answered turn.</summary>
internal sealed partial class ClaudeEvents
{
    public void Assistant(string messageId, IReadOnlyList<AnswerBlock> blocks, TokenUsage usage) => Line(w =>
    {
        w.WriteString("type", "assistant");
        w.WriteStartObject("message");
        w.WriteString("id", messageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", ApiModel);
        w.WriteStartArray("content");
        foreach (var block in blocks)
        {
            w.WriteStartObject();
            w.WriteString("type", block.Type);
            w.WriteString(block.Delta.Field, block.Text);
            if (block.IsThinking) w.WriteString("signature", AnswerBlock.FakeSignature);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        ClaudeUsage.WriteStart(w, usage);
        w.WriteNull("context_management");
        w.WriteEndObject();
        w.WriteNull("parent_tool_use_id");
        w.WriteString("session_id", SessionId);
        w.WriteString("uuid", NewUuid());
        w.WriteString("request_id", "req_fake_0001");
    });

    public void SuccessResult(string text, string stopReason, TokenUsage usage) => Result(text, w =>
    {
        var elapsed = ElapsedMs;
        w.WriteString("type", "result");
        w.WriteString("subtype", "success");
        w.WriteBoolean("is_error", false);
        w.WriteNull("api_error_status");
        w.WriteNumber("duration_ms", elapsed);
        w.WriteNumber("duration_api_ms", elapsed);
        w.WriteNumber("ttft_ms", elapsed);
        w.WriteNumber("ttft_stream_ms", elapsed);
        w.WriteNumber("time_to_request_ms", 0);
        w.WriteNumber("num_turns", 1);
        w.WriteString("result", text);
        w.WriteString("stop_reason", stopReason);
        w.WriteString("session_id", SessionId);
        w.WriteNumber("total_cost_usd", ClaudeUsage.Cost(usage));
        ClaudeUsage.WriteResult(w, usage);
        ClaudeUsage.WriteModelUsage(w, DisplayModel, usage);
        WriteResultTail(w);
    });

    private void WriteResultTail(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray("permission_denials");
        w.WriteEndArray();
        w.WriteString("terminal_reason", "completed");
        w.WriteString("fast_mode_state", "off");
        w.WriteString("uuid", NewUuid());
    }
}
