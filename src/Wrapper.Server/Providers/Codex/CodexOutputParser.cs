using Wrapper.Server.Core;
using System.Text.Json;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Reads <c>codex exec --json</c> (docs/cli/EVENTS.md). There are no token deltas: each completed
/// <c>agent_message</c> item is sent as soon as it arrives. <c>error</c> events (retry notices) and
/// items of type <c>error</c> (model metadata warnings) are only warnings; <c>turn.failed</c> is the
/// failure and <c>turn.completed</c> carries the usage. When the model calls tools, the turn ends
/// when its answer is complete, which only stderr tells (<see cref="CodexTools.LogFilter"/>).
/// </summary>
/// <param name="answerIsLogged">
/// False when Codex talks to the model over its WebSocket transport (the built-in provider, used with
/// the ChatGPT login), which was not checked to appear in the log: the turn then ends when Codex
/// starts the first MCP call (it starts them one at a time), so only that call comes back.
/// </param>
internal sealed class CodexOutputParser(bool answerIsLogged = true) : ICliOutputParser
{
    private readonly CodexAnswerLog _answer = new();
    private bool _finished;
    private int _sentMessages;
    private string? _lastError;

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !JsonLines.TryParse(line, out var document)) return [];
        using (document)
        {
            var root = document.RootElement;
            switch (root.GetString("type"))
            {
                case "item.completed" when root.TryGetProperty("item", out var item) && item.GetString("type") == "agent_message"
                                           && item.GetString("text") is { Length: > 0 } text:
                    return [Message(text)];
                case "item.started" when !answerIsLogged && root.TryGetProperty("item", out var started) && started.GetString("type") == "mcp_tool_call":
                    _finished = true;
                    var arguments = started.TryGetProperty("arguments", out var value) ? value.GetRawText() : "{}";
                    var id = $"call_{Guid.NewGuid():N}"[..29];
                    return [new ToolCallReady(0, id, CodexTools.McpName(started.GetString("server") ?? "", started.GetString("tool") ?? ""), arguments),
                        new TurnCompleted(FinishReason.ToolCalls)];
                case "error":
                    _lastError = root.GetString("message") ?? _lastError;
                    return [];
                case "turn.failed":
                    _finished = true;
                    var message = root.TryGetProperty("error", out var error) ? error.GetString("message") : null;
                    return [new TurnFailed(CodexErrorClassifier.Classify(message ?? _lastError ?? ""))];
                case "turn.completed":
                    _finished = true;
                    var events = ServedModel();
                    if (root.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
                    events.Add(new TurnCompleted(FinishReason.Stop));
                    return events;
                default:
                    return [];
            }
        }
    }

    /// <summary>
    /// The model's answer, logged on stderr. An answer with function calls ends the turn at
    /// <c>response.completed</c>: Codex would now run them. Its messages may still be on their way
    /// on stdout (another pipe), so those not yet sent go first, in the answer's order.
    /// </summary>
    public IEnumerable<ProviderEvent> ParseErrorLine(string line)
    {
        if (_finished || !_answer.Read(line) || _answer.Calls.Count == 0) return [];
        _finished = true;
        var events = ServedModel();
        events.AddRange(_answer.Messages.Skip(_sentMessages).Select(Message));
        events.AddRange(_answer.Calls);
        events.Add(new UsageReported(_answer.Usage));
        events.Add(new TurnCompleted(FinishReason.ToolCalls));
        return events;
    }

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        if (_lastError is not null) return [new TurnFailed(CodexErrorClassifier.Classify(_lastError))];
        var logged = standardErrorTail.Split('\n').Where(l => !CodexAnswerLog.IsEventLine(l));
        var detail = string.Join('\n', logged).Trim() is { Length: > 0 } tail ? tail : "it printed nothing on stderr";
        return [new TurnFailed(CliExitFailure.Error("Codex", exitCode, detail))];
    }

    /// <summary>
    /// The model that served the answer, where Codex names it: only its answer log on stderr does
    /// (<c>response.completed</c>, written when the request offers tools); stdout never names it.
    /// </summary>
    private List<ProviderEvent> ServedModel() => ModelReported.From(_answer.Model) is { } model ? [model] : [];

    /// <summary>One completed message, separated from the one before the way the CLI's own text output does.</summary>
    private TextDelta Message(string text) => new(_sentMessages++ > 0 ? "\n\n" + text : text);

    /// <summary>Responses API counts: input_tokens includes the cached ones.</summary>
    internal static TokenUsage ReadUsage(JsonElement usage)
    {
        var cached = usage.GetInt("cached_input_tokens");
        return new TokenUsage(
            InputTokens: Math.Max(0, usage.GetInt("input_tokens") - cached),
            OutputTokens: usage.GetInt("output_tokens"),
            CacheReadTokens: cached,
            ReasoningTokens: usage.GetInt("reasoning_output_tokens"));
    }
}
