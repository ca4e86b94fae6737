using System.Text.Json;
using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Qwen;

/// <summary>Qwen Code's stream-json events, as in Recordings/qwen-stream-json-partial.txt (Claude Code's shape).</summary>
internal sealed class QwenEvents(JsonLines stdout, string model)
{
    private readonly string _sessionId = Guid.NewGuid().ToString();
    private readonly string _messageId = Guid.NewGuid().ToString();

    public void Init(string cwd) => stdout.Write(json =>
    {
        Envelope(json, "system");
        json.WriteString("subtype", "init");
        json.WriteString("cwd", cwd);
        json.WriteStartArray("tools");
        json.WriteEndArray();
        json.WriteString("model", model);
        json.WriteString("permission_mode", "default");
    });

    public void MessageStart() => Stream(json =>
    {
        json.WriteString("type", "message_start");
        json.WriteStartObject("message");
        json.WriteString("id", _messageId);
        json.WriteString("role", "assistant");
        json.WriteString("model", model);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public void TextDelta(string text) => Stream(json =>
    {
        json.WriteString("type", "content_block_delta");
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        json.WriteString("type", "text_delta");
        json.WriteString("text", text);
        json.WriteEndObject();
    });

    public void BlockStop() => Stream(json =>
    {
        json.WriteString("type", "content_block_stop");
        json.WriteNumber("index", 0);
    });

    public void MessageStop() => Stream(json => json.WriteString("type", "message_stop"));

    public void Assistant(string text, TokenUsage usage) => stdout.Write(json =>
    {
        Envelope(json, "assistant");
        json.WriteNull("parent_tool_use_id");
        json.WriteStartObject("message");
        json.WriteString("id", _messageId);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", model);
        json.WriteStartArray("content");
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        Usage(json, usage);
        json.WriteEndObject();
    });

    /// <summary>The message that closes an answer asking for tools: every call, in order, printed before any runs.</summary>
    public void ToolUseMessage(IReadOnlyList<FakeToolCall> calls, TokenUsage usage) => stdout.Write(json =>
    {
        Envelope(json, "assistant");
        json.WriteNull("parent_tool_use_id");
        json.WriteStartObject("message");
        json.WriteString("id", Guid.NewGuid().ToString());
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", model);
        json.WriteStartArray("content");
        for (var i = 0; i < calls.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", $"call_fake_{i}");
            json.WriteString("name", calls[i].Name);
            json.WritePropertyName("input");
            json.WriteRawValue(calls[i].Arguments.Length > 0 ? calls[i].Arguments : "{}");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("stop_reason", "tool_use");
        Usage(json, usage);
        json.WriteEndObject();
    });

    public void Result(string text, TokenUsage usage) => stdout.Write(json =>
    {
        Envelope(json, "result");
        json.WriteString("subtype", "success");
        json.WriteBoolean("is_error", false);
        json.WriteNumber("num_turns", 1);
        json.WriteString("result", text);
        Usage(json, usage);
        json.WriteStartArray("permission_denials");
        json.WriteEndArray();
    });

    public void ExecutionError(string message) => stdout.Write(json =>
    {
        Envelope(json, "result");
        json.WriteString("subtype", "error_during_execution");
        json.WriteBoolean("is_error", true);
        json.WriteNumber("num_turns", 0);
        Usage(json, new TokenUsage(0, 0));
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    private void Stream(Action<Utf8JsonWriter> writeEvent) => stdout.Write(json =>
    {
        Envelope(json, "stream_event");
        json.WriteNull("parent_tool_use_id");
        json.WriteStartObject("event");
        writeEvent(json);
        json.WriteEndObject();
    });

    private void Envelope(Utf8JsonWriter json, string type)
    {
        json.WriteString("type", type);
        json.WriteString("uuid", Guid.NewGuid().ToString());
        json.WriteString("session_id", _sessionId);
    }

    // Qwen counts input as OpenAI's prompt_tokens: the cached tokens are part of it.
    private static void Usage(Utf8JsonWriter json, TokenUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", usage.Input + usage.CacheRead);
        json.WriteNumber("output_tokens", usage.Output);
        json.WriteNumber("cache_read_input_tokens", usage.CacheRead);
        json.WriteEndObject();
    }
}
