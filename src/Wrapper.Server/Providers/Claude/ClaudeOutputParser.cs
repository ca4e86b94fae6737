using System.Text.Json;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// Reads Claude Code's <c>--output-format stream-json --verbose --include-partial-messages</c> output
/// (event kinds in cli/samples/EVENTS.md). Text comes from the <c>stream_event</c> deltas as the
/// model writes it; the complete <c>assistant</c> message is used only when no deltas came (a CLI run
/// without partial messages). Usage and errors come from the final <c>result</c>.
/// </summary>
internal sealed class ClaudeOutputParser : ICliOutputParser
{
    private bool _sawDeltas;
    private bool _finished;
    private string? _stopReason;

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !line.StartsWith('{')) return [];
        JsonDocument document;
        try { document = JsonDocument.Parse(line); }
        catch (JsonException) { return []; } // not an event (the CLI printed a stray line): ignore
        using (document)
        {
            var root = document.RootElement;
            return root.GetString("type") switch
            {
                "stream_event" when root.TryGetProperty("event", out var streamEvent) => FromStreamEvent(streamEvent),
                "assistant" when !_sawDeltas && !IsSyntheticError(root) && root.TryGetProperty("message", out var message) => FromAssistantMessage(message),
                "result" => FromResult(root),
                _ => [],
            };
        }
    }

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        var detail = string.IsNullOrWhiteSpace(standardErrorTail) ? "it printed nothing on stderr" : standardErrorTail.Trim();
        return [new TurnFailed(GatewayError.Upstream($"Claude Code exited with code {exitCode} before it answered: {detail}", "cli_failed"))];
    }

    /// <summary>
    /// Claude Code reports errors (no login, API errors) also as an assistant message from model
    /// <c>&lt;synthetic&gt;</c>; that text is an error message, never the answer. The result follows.
    /// </summary>
    private static bool IsSyntheticError(JsonElement root) =>
        root.TryGetProperty("error", out _)
        || (root.TryGetProperty("message", out var message) && message.GetString("model") == "<synthetic>");

    private List<ProviderEvent> FromStreamEvent(JsonElement streamEvent)
    {
        switch (streamEvent.GetString("type"))
        {
            case "content_block_delta" when streamEvent.TryGetProperty("delta", out var delta):
                var text = delta.GetString("type") switch
                {
                    "text_delta" => delta.GetString("text"),
                    "thinking_delta" => delta.GetString("thinking"),
                    _ => null,
                };
                if (string.IsNullOrEmpty(text)) return [];
                _sawDeltas = true;
                return [delta.GetString("type") == "text_delta" ? new TextDelta(text) : new ReasoningDelta(text)];
            case "message_delta" when streamEvent.TryGetProperty("delta", out var messageDelta):
                _stopReason = messageDelta.GetString("stop_reason") ?? _stopReason;
                return [];
            default:
                return [];
        }
    }

    private static List<ProviderEvent> FromAssistantMessage(JsonElement message)
    {
        var events = new List<ProviderEvent>();
        if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return events;
        foreach (var block in content.EnumerateArray())
        {
            switch (block.GetString("type"))
            {
                case "text" when block.GetString("text") is { Length: > 0 } text:
                    events.Add(new TextDelta(text));
                    break;
                case "thinking" when block.GetString("thinking") is { Length: > 0 } thinking:
                    events.Add(new ReasoningDelta(thinking));
                    break;
            }
        }
        return events;
    }

    private List<ProviderEvent> FromResult(JsonElement result)
    {
        _finished = true;
        if (result.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            int? status = result.GetInt("api_error_status") is > 0 and var value ? value : null;
            var message = result.GetString("result") ?? result.GetString("subtype") ?? "";
            return [new TurnFailed(ClaudeErrorClassifier.Classify(status, message))];
        }
        var stopReason = result.GetString("stop_reason") ?? _stopReason;
        var events = new List<ProviderEvent>();
        if (result.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
        events.Add(new TurnCompleted(stopReason switch
        {
            "max_tokens" => FinishReason.Length,
            "tool_use" => FinishReason.ToolCalls,
            _ => FinishReason.Stop,
        }));
        return events;
    }

    private static TokenUsage ReadUsage(JsonElement usage) => new(
        InputTokens: usage.GetInt("input_tokens"),
        OutputTokens: usage.GetInt("output_tokens"),
        CacheReadTokens: usage.GetInt("cache_read_input_tokens"),
        CacheCreationTokens: usage.GetInt("cache_creation_input_tokens"));
}
