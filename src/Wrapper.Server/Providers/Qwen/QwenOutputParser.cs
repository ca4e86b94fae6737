using Wrapper.Server.Core;
using System.Text;
using System.Text.Json;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Reads Qwen Code's <c>-o stream-json --include-partial-messages</c> output, which has Claude Code's
/// shape (docs/cli/EVENTS.md). Qwen reports API failures as a successful answer whose text is
/// <c>[API Error: …]</c>, so text that could still become that prefix is held back until it cannot:
/// the error text never reaches the client as an answer.
/// <para>
/// The model's tool calls come whole in the <c>assistant</c> message that closes its answer
/// (<c>stop_reason: tool_use</c>, all parallel calls in order), printed before the CLI runs any
/// tool: the turn ends there, so the CLI never runs one and makes no second model call.
/// </para>
/// </summary>
internal sealed class QwenOutputParser : ICliOutputParser
{
    private readonly StringBuilder _heldBack = new();
    private bool _released;
    private bool _sawDeltas;
    private bool _finished;

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !JsonLines.TryParse(line, out var document)) return [];
        using (document)
        {
            var root = document.RootElement;
            return root.GetString("type") switch
            {
                "stream_event" when root.TryGetProperty("event", out var streamEvent) => FromStreamEvent(streamEvent),
                "assistant" when root.TryGetProperty("message", out var message) => FromAssistantMessage(message),
                "result" => FromResult(root),
                _ => [],
            };
        }
    }

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        return CliExitFailure.Event("Qwen Code", exitCode, standardErrorTail);
    }

    private List<ProviderEvent> FromStreamEvent(JsonElement streamEvent)
    {
        if (streamEvent.GetString("type") == "message_start" && streamEvent.TryGetProperty("message", out var message))
            return ModelReported.From(message.GetString("model")) is { } model ? [model] : [];
        if (streamEvent.GetString("type") != "content_block_delta" || !streamEvent.TryGetProperty("delta", out var delta)) return [];
        switch (delta.GetString("type"))
        {
            case "text_delta" when delta.GetString("text") is { Length: > 0 } text:
                _sawDeltas = true;
                return Text(text);
            case "thinking_delta" when delta.GetString("thinking") is { Length: > 0 } thinking:
                _sawDeltas = true;
                return [new ReasoningDelta(thinking)];
            default:
                return [];
        }
    }

    /// <summary>Forwards text once it can no longer turn out to be an <c>[API Error: …]</c> message.</summary>
    private List<ProviderEvent> Text(string text)
    {
        if (_released) return [new TextDelta(text)];
        _heldBack.Append(text);
        var soFar = _heldBack.ToString();
        var trimmed = soFar.TrimStart();
        var prefix = QwenErrorClassifier.ApiErrorPrefix;
        if (trimmed.Length < prefix.Length ? prefix.StartsWith(trimmed, StringComparison.Ordinal) : trimmed.StartsWith(prefix, StringComparison.Ordinal))
            return [];
        return Release();
    }

    private List<ProviderEvent> Release()
    {
        _released = true;
        var text = _heldBack.ToString();
        _heldBack.Clear();
        return text.Length > 0 ? [new TextDelta(text)] : [];
    }

    private List<ProviderEvent> FromAssistantMessage(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return [];
        var events = new List<ProviderEvent>();
        var calls = new List<ProviderEvent>();
        foreach (var block in content.EnumerateArray())
        {
            switch (block.GetString("type"))
            {
                case "text" when !_sawDeltas && block.GetString("text") is { Length: > 0 } text:
                    events.AddRange(Text(text));
                    break;
                case "thinking" when !_sawDeltas && block.GetString("thinking") is { Length: > 0 } thinking:
                    events.Add(new ReasoningDelta(thinking));
                    break;
                case "tool_use":
                    var input = block.TryGetProperty("input", out var value) ? value.GetRawText() : "{}";
                    calls.Add(new ToolCallReady(calls.Count, block.GetString("id") ?? "", block.GetString("name") ?? "", input));
                    break;
            }
        }
        if (calls.Count == 0) return events;
        // The calls end the answer: text held back in case it became an error message is the answer's.
        _finished = true;
        events.AddRange(Release());
        events.AddRange(calls);
        if (message.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
        events.Add(new TurnCompleted(FinishReason.ToolCalls));
        return events;
    }

    private List<ProviderEvent> FromResult(JsonElement result)
    {
        _finished = true;
        var text = result.GetString("result");
        if (result.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            var message = result.TryGetProperty("error", out var error) ? error.GetString("message") : null;
            return [new TurnFailed(QwenErrorClassifier.Classify(message ?? text ?? result.GetString("subtype") ?? ""))];
        }
        if (QwenErrorClassifier.IsApiError(text) || (!_released && QwenErrorClassifier.IsApiError(_heldBack.ToString())))
            return [new TurnFailed(QwenErrorClassifier.Classify(text ?? _heldBack.ToString()))];
        var events = Release();
        if (result.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
        events.Add(new TurnCompleted(FinishReason.Stop));
        return events;
    }

    /// <summary>Qwen's input_tokens is the OpenAI prompt_tokens, cached tokens included.</summary>
    internal static TokenUsage ReadUsage(JsonElement usage)
    {
        var cached = usage.GetInt("cache_read_input_tokens");
        return new TokenUsage(InputTokens: Math.Max(0, usage.GetInt("input_tokens") - cached), OutputTokens: usage.GetInt("output_tokens"), CacheReadTokens: cached);
    }
}
