using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Codex;

/// <summary>Codex's exec --json events, field for field as in Recordings/codex-json.txt.</summary>
internal sealed class CodexEvents(JsonLines stdout)
{
    private int _items;

    public void ThreadStarted() => stdout.Write(json =>
    {
        json.WriteString("type", "thread.started");
        json.WriteString("thread_id", Guid.NewGuid().ToString());
    });

    public void TurnStarted() => stdout.Write(json => json.WriteString("type", "turn.started"));

    /// <summary>An item of type error: a warning, not a failure.</summary>
    public void Warning(string message) => Item("error", "message", message);

    public void AgentMessage(string text) => Item("agent_message", "text", text);

    /// <summary>A top-level error event: a retry notice, not a failure.</summary>
    public void Error(string message) => stdout.Write(json =>
    {
        json.WriteString("type", "error");
        json.WriteString("message", message);
    });

    public void TurnFailed(string message) => stdout.Write(json =>
    {
        json.WriteString("type", "turn.failed");
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    // Responses API counting: input_tokens includes the cached ones.
    public void TurnCompleted(TokenUsage usage) => stdout.Write(json =>
    {
        json.WriteString("type", "turn.completed");
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", usage.Input + usage.CacheRead);
        json.WriteNumber("cached_input_tokens", usage.CacheRead);
        json.WriteNumber("cache_write_input_tokens", 0);
        json.WriteNumber("output_tokens", usage.Output);
        json.WriteNumber("reasoning_output_tokens", 0);
        json.WriteEndObject();
    });

    private void Item(string type, string field, string value) => stdout.Write(json =>
    {
        json.WriteString("type", "item.completed");
        json.WriteStartObject("item");
        json.WriteString("id", $"item_{_items++}");
        json.WriteString("type", type);
        json.WriteString(field, value);
        json.WriteEndObject();
    });
}
