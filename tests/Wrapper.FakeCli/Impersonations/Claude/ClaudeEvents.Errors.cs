using System.Text.Json;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>A failed turn: claude's synthetic assistant message, then a result with is_error true.</summary>
internal sealed partial class ClaudeEvents
{
    private static readonly TokenUsage NoUsage = new(0, 0, 0, 0);

    public void SyntheticAssistant(ClaudeError error) => Line(w =>
    {
        w.WriteString("type", "assistant");
        w.WriteStartObject("message");
        w.WriteString("id", NewUuid());
        w.WriteNull("container");
        w.WriteString("model", "<synthetic>");
        w.WriteString("role", "assistant");
        w.WriteNull("stop_details");
        w.WriteString("stop_reason", "stop_sequence");
        w.WriteString("stop_sequence", "");
        w.WriteString("type", "message");
        WriteSyntheticUsage(w);
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", error.Text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNull("context_management");
        w.WriteEndObject();
        w.WriteNull("parent_tool_use_id");
        w.WriteString("session_id", SessionId);
        w.WriteString("uuid", NewUuid());
        w.WriteString("error", error.Code);
        if (error.SendsRequest) w.WriteString("request_id", "req_fake_0001");
    });

    // Yes, "success" with is_error true: that is what claude 2.1.197 prints for API failures.
    public void ErrorResult(ClaudeError error) => Result(error.Text, w =>
    {
        w.WriteString("type", "result");
        w.WriteString("subtype", "success");
        w.WriteBoolean("is_error", true);
        if (error.Status is { } status) w.WriteNumber("api_error_status", status);
        else w.WriteNull("api_error_status");
        w.WriteNumber("duration_ms", ElapsedMs);
        w.WriteNumber("duration_api_ms", 0);
        w.WriteNumber("num_turns", 1);
        w.WriteString("result", error.Text);
        w.WriteString("stop_reason", "stop_sequence");
        w.WriteString("session_id", SessionId);
        w.WriteNumber("total_cost_usd", 0);
        ClaudeUsage.WriteResult(w, NoUsage);
        w.WriteStartObject("modelUsage");
        w.WriteEndObject();
        WriteResultTail(w);
    });

    private static void WriteSyntheticUsage(Utf8JsonWriter w)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 0);
        w.WriteNumber("output_tokens", 0);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteStartObject("server_tool_use");
        w.WriteNumber("web_search_requests", 0);
        w.WriteNumber("web_fetch_requests", 0);
        w.WriteEndObject();
        w.WriteNull("service_tier");
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_1h_input_tokens", 0);
        w.WriteNumber("ephemeral_5m_input_tokens", 0);
        w.WriteEndObject();
        w.WriteNull("inference_geo");
        w.WriteNull("iterations");
        w.WriteNull("speed");
        w.WriteEndObject();
    }
}
