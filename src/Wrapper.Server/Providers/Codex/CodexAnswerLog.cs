using Wrapper.Server.Core;
using System.Text;
using System.Text.Json;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// The model's answer as Codex 0.169 logs it on stderr with <c>RUST_LOG=codex_api::sse::responses=trace</c>
/// (<see cref="CodexTools.LogFilter"/>): one <c>... TRACE codex_api::sse::responses: SSE event: {json}</c>
/// line per Responses API event, in the order they came. Only the finished output items (messages,
/// function calls) and <c>response.completed</c> with the usage are kept.
/// </summary>
internal sealed class CodexAnswerLog
{
    private const string Marker = "SSE event: ";
    private const string Target = "codex_api::sse::responses";

    public List<string> Messages { get; } = [];
    public List<ToolCallReady> Calls { get; } = [];
    public TokenUsage Usage { get; private set; } = new(0, 0);

    /// <summary>The model that served the answer, as <c>response.completed</c> names it; null before it.</summary>
    public string? Model { get; private set; }

    /// <summary>True for a line of this log (not worth keeping for error messages).</summary>
    public static bool IsEventLine(string line) => line.Contains(Target, StringComparison.Ordinal);

    /// <summary>Takes in one stderr line; true when it was <c>response.completed</c>, so the answer is whole.</summary>
    public bool Read(string line)
    {
        var start = line.IndexOf(Marker, StringComparison.Ordinal);
        // Text deltas are the bulk of the log; only these two events are parsed.
        if (start < 0 || !(line.Contains("response.output_item.done", StringComparison.Ordinal)
                           || line.Contains("response.completed", StringComparison.Ordinal))) return false;
        JsonDocument document;
        try { document = JsonDocument.Parse(line.AsMemory(start + Marker.Length)); }
        catch (JsonException) { return false; }
        using (document)
        {
            var root = document.RootElement;
            switch (root.GetString("type"))
            {
                case "response.output_item.done" when root.TryGetProperty("item", out var item):
                    Add(item);
                    return false;
                case "response.completed":
                    if (!root.TryGetProperty("response", out var response)) return true;
                    if (response.TryGetProperty("usage", out var usage)) Usage = ReadUsage(usage);
                    Model = response.GetString("model") ?? Model;
                    return true;
                default:
                    return false;
            }
        }
    }

    private void Add(JsonElement item)
    {
        switch (item.GetString("type"))
        {
            case "message" when MessageText(item) is { Length: > 0 } text:
                Messages.Add(text);
                break;
            case "function_call":
                var name = CodexTools.CliName(item.GetString("namespace"), item.GetString("name") ?? "");
                Calls.Add(new ToolCallReady(Calls.Count, item.GetString("call_id") ?? item.GetString("id") ?? "", name, item.GetString("arguments") ?? ""));
                break;
        }
    }

    private static string MessageText(JsonElement item)
    {
        var text = new StringBuilder();
        if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            foreach (var part in content.EnumerateArray())
                if (part.GetString("type") == "output_text") text.Append(part.GetString("text"));
        return text.ToString();
    }

    /// <summary>Responses API usage: input_tokens includes the cached ones.</summary>
    private static TokenUsage ReadUsage(JsonElement usage)
    {
        var cached = usage.TryGetProperty("input_tokens_details", out var input) ? input.GetInt("cached_tokens") : 0;
        return new TokenUsage(
            InputTokens: Math.Max(0, usage.GetInt("input_tokens") - cached),
            OutputTokens: usage.GetInt("output_tokens"),
            CacheReadTokens: cached,
            ReasoningTokens: usage.TryGetProperty("output_tokens_details", out var output) ? output.GetInt("reasoning_tokens") : 0);
    }
}
