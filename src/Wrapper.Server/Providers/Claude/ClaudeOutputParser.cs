using Wrapper.Server.Core;
using System.Text.Json;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// Reads Claude Code's <c>--output-format stream-json --verbose --include-partial-messages</c> output
/// (event kinds in docs/cli/EVENTS.md). Text comes from the <c>stream_event</c> deltas as the
/// model writes it; the complete <c>assistant</c> message is used only when no deltas came (a CLI run
/// without partial messages). Usage and errors come from the final <c>result</c>.
/// </summary>
internal sealed class ClaudeOutputParser(bool continues = false) : ICliOutputParser
{
    // A continued process's output still holds the end of its previous turn (the complete assistant
    // message, the tool results): skipped until the model's next message starts.
    private bool _skipping = continues;
    private readonly bool _continues = continues;

    private readonly Dictionary<int, ToolUseBlock> _toolBlocks = [];
    private bool _sawDeltas;
    private bool _finished;
    private string? _stopReason;
    private int _toolCalls;
    private TokenUsage _messageUsage = new(0, 0);

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !JsonLines.TryParse(line, out var document)) return [];
        using (document)
        {
            var root = document.RootElement;
            if (_skipping && root.GetString("type") != "result" && !IsMessageStart(root)) return [];
            _skipping = false;
            return root.GetString("type") switch
            {
                "stream_event" when root.TryGetProperty("event", out var streamEvent) => FromStreamEvent(streamEvent),
                "assistant" when !_sawDeltas && !IsSyntheticError(root) && root.TryGetProperty("message", out var message) => FromAssistantMessage(message),
                "result" => FromResult(root),
                _ => [],
            };
        }
    }

    private static bool IsMessageStart(JsonElement root) =>
        root.GetString("type") == "stream_event" && root.TryGetProperty("event", out var streamEvent) && streamEvent.GetString("type") == "message_start";

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        return CliExitFailure.Event("Claude Code", exitCode, standardErrorTail);
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
            case "message_start" when streamEvent.TryGetProperty("message", out var message):
                if (message.TryGetProperty("usage", out var usage)) _messageUsage = ReadUsage(usage);
                return ModelReported.From(message.GetString("model")) is { } model ? [model] : [];
            case "content_block_start" when streamEvent.TryGetProperty("content_block", out var block) && block.GetString("type") == "tool_use":
                _sawDeltas = true;
                _toolBlocks[streamEvent.GetInt("index")] = new ToolUseBlock(block.GetString("id") ?? "", block.GetString("name") ?? "");
                return [];
            case "content_block_delta" when streamEvent.TryGetProperty("delta", out var delta):
                return FromDelta(streamEvent.GetInt("index"), delta);
            case "content_block_stop" when _toolBlocks.Remove(streamEvent.GetInt("index"), out var toolBlock):
                return [new ToolCallReady(_toolCalls++, toolBlock.Id, toolBlock.Name, toolBlock.Arguments.ToString())];
            case "message_delta" when streamEvent.TryGetProperty("delta", out var messageDelta):
                _stopReason = messageDelta.GetString("stop_reason") ?? _stopReason;
                if (streamEvent.TryGetProperty("usage", out var deltaUsage))
                    _messageUsage = _messageUsage with { OutputTokens = deltaUsage.GetInt("output_tokens") };
                return _stopReason == "tool_use" ? EndAtToolUse() : [];
            default:
                return [];
        }
    }

    private List<ProviderEvent> FromDelta(int index, JsonElement delta)
    {
        switch (delta.GetString("type"))
        {
            case "input_json_delta" when _toolBlocks.TryGetValue(index, out var toolBlock):
                toolBlock.Arguments.Append(delta.GetString("partial_json"));
                return [];
            case "text_delta" when delta.GetString("text") is { Length: > 0 } text:
                _sawDeltas = true;
                return [new TextDelta(text)];
            case "thinking_delta" when delta.GetString("thinking") is { Length: > 0 } thinking:
                _sawDeltas = true;
                return [new ReasoningDelta(thinking)];
            default:
                return [];
        }
    }

    /// <summary>
    /// The model asked for tools: the turn ends here for the client, which runs them. There is no
    /// result event to wait for (the CLI would go on to run the tool itself), so usage comes from
    /// the message's own counts.
    /// </summary>
    private List<ProviderEvent> EndAtToolUse()
    {
        _finished = true;
        return [new UsageReported(_messageUsage), new TurnCompleted(FinishReason.ToolCalls)];
    }

    private List<ProviderEvent> FromAssistantMessage(JsonElement message)
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
                case "tool_use":
                    var input = block.TryGetProperty("input", out var value) ? value.GetRawText() : "{}";
                    events.Add(new ToolCallReady(_toolCalls++, block.GetString("id") ?? "", block.GetString("name") ?? "", input));
                    break;
            }
        }
        if (_toolCalls > 0 && message.GetString("stop_reason") == "tool_use") events.AddRange(EndAtToolUse());
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
        // The result's usage adds up the process's whole agent loop: a continued turn reports its own message's.
        if (_continues) events.Add(new UsageReported(_messageUsage));
        else if (result.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
        events.Add(new TurnCompleted(stopReason switch
        {
            "max_tokens" => FinishReason.Length,
            "tool_use" => FinishReason.ToolCalls,
            _ => FinishReason.Stop,
        }));
        return events;
    }

    /// <summary>
    /// The output after a <c>/clear</c> in a persistent process: null until its result, then true
    /// only for an empty successful one (anything else means the reset did not happen).
    /// </summary>
    public static bool? ReadReset(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetString("type") != "result") return null;
            var isError = root.TryGetProperty("is_error", out var flag) && flag.ValueKind == JsonValueKind.True;
            return root.GetString("subtype") == "success" && !isError && root.GetString("result") is "" or null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TokenUsage ReadUsage(JsonElement usage) => new(
        InputTokens: usage.GetInt("input_tokens"),
        OutputTokens: usage.GetInt("output_tokens"),
        CacheReadTokens: usage.GetInt("cache_read_input_tokens"),
        CacheCreationTokens: usage.GetInt("cache_creation_input_tokens"));

    private sealed record ToolUseBlock(string Id, string Name)
    {
        public System.Text.StringBuilder Arguments { get; } = new();
    }
}
