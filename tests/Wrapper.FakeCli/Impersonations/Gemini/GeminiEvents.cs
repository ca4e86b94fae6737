using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Gemini;

/// <summary>Gemini CLI's stream-json events, field for field as in Recordings/gemini-stream-json.txt.</summary>
internal sealed class GeminiEvents(JsonLines stdout, string model)
{
    private readonly string _sessionId = Guid.NewGuid().ToString();

    private static string Now => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    public void Init() => stdout.Write(json =>
    {
        json.WriteString("type", "init");
        json.WriteString("timestamp", Now);
        json.WriteString("session_id", _sessionId);
        json.WriteString("model", model);
    });

    public void UserMessage(string text) => stdout.Write(json =>
    {
        json.WriteString("type", "message");
        json.WriteString("timestamp", Now);
        json.WriteString("role", "user");
        json.WriteString("content", text);
    });

    public void AssistantDelta(string text) => stdout.Write(json =>
    {
        json.WriteString("type", "message");
        json.WriteString("timestamp", Now);
        json.WriteString("role", "assistant");
        json.WriteString("content", text);
        json.WriteBoolean("delta", true);
    });

    public void SuccessResult(TokenUsage usage) => stdout.Write(json =>
    {
        json.WriteString("type", "result");
        json.WriteString("timestamp", Now);
        json.WriteString("status", "success");
        json.WriteStartObject("stats");
        json.WriteNumber("total_tokens", usage.Input + usage.CacheRead + usage.Output);
        json.WriteNumber("input_tokens", usage.Input + usage.CacheRead);
        json.WriteNumber("output_tokens", usage.Output);
        json.WriteNumber("cached", usage.CacheRead);
        json.WriteNumber("input", usage.Input);
        json.WriteNumber("duration_ms", 87);
        json.WriteNumber("tool_calls", 0);
        json.WriteEndObject();
    });

    public void ErrorResult(int status) => stdout.Write(json =>
    {
        json.WriteString("type", "result");
        json.WriteString("timestamp", Now);
        json.WriteString("status", "error");
        json.WriteStartObject("error");
        json.WriteString("type", "unknown");
        json.WriteString("message", status == 429
            ? "[API Error: Resource has been exhausted (e.g. check quota).]\nPlease wait and try again later."
            : $"[API Error: {{\"error\":{{\"code\":{status},\"message\":\"{(status == 401 ? "Request had invalid authentication credentials." : "An internal error has occurred.")}\",\"status\":\"{(status == 401 ? "UNAUTHENTICATED" : "INTERNAL")}\"}}}}]");
        json.WriteEndObject();
        json.WriteStartObject("stats");
        json.WriteNumber("total_tokens", 0);
        json.WriteNumber("input_tokens", 0);
        json.WriteNumber("output_tokens", 0);
        json.WriteNumber("cached", 0);
        json.WriteEndObject();
    });

    /// <summary>One function call of the model's answer, printed as it arrives (before any tool runs).</summary>
    public void ToolUse(string name, string id, string arguments) => stdout.Write(json =>
    {
        json.WriteString("type", "tool_use");
        json.WriteString("timestamp", Now);
        json.WriteString("tool_name", name);
        json.WriteString("tool_id", id);
        json.WritePropertyName("parameters");
        json.WriteRawValue(arguments.Length > 0 ? arguments : "{}");
    });

    /// <summary>The CLI could not run the tool (here: no MCP server registers it).</summary>
    public void ToolNotFound(string name, string id) => stdout.Write(json =>
    {
        json.WriteString("type", "tool_result");
        json.WriteString("timestamp", Now);
        json.WriteString("tool_id", id);
        json.WriteString("status", "error");
        json.WriteString("output", $"Tool \"{name}\" not found.");
    });
}
