using System.Text.Json;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Reads <c>codex exec --json</c> (cli/samples/EVENTS.md). There are no token deltas: each completed
/// <c>agent_message</c> item is sent as soon as it arrives. <c>error</c> events (retry notices) and
/// items of type <c>error</c> (model metadata warnings) are only warnings; <c>turn.failed</c> is the
/// failure and <c>turn.completed</c> carries the usage.
/// </summary>
internal sealed class CodexOutputParser : ICliOutputParser
{
    private bool _finished;
    private bool _sentText;
    private string? _lastError;

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !line.StartsWith('{')) return [];
        JsonDocument document;
        try { document = JsonDocument.Parse(line); }
        catch (JsonException) { return []; }
        using (document)
        {
            var root = document.RootElement;
            switch (root.GetString("type"))
            {
                case "item.completed" when root.TryGetProperty("item", out var item) && item.GetString("type") == "agent_message"
                                           && item.GetString("text") is { Length: > 0 } text:
                    // Separate consecutive messages the way the CLI's own text output does.
                    var delta = _sentText ? "\n\n" + text : text;
                    _sentText = true;
                    return [new TextDelta(delta)];
                case "error":
                    _lastError = root.GetString("message") ?? _lastError;
                    return [];
                case "turn.failed":
                    _finished = true;
                    var message = root.TryGetProperty("error", out var error) ? error.GetString("message") : null;
                    return [new TurnFailed(CodexErrorClassifier.Classify(message ?? _lastError ?? ""))];
                case "turn.completed":
                    _finished = true;
                    var events = new List<ProviderEvent>();
                    if (root.TryGetProperty("usage", out var usage)) events.Add(new UsageReported(ReadUsage(usage)));
                    events.Add(new TurnCompleted(FinishReason.Stop));
                    return events;
                default:
                    return [];
            }
        }
    }

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        if (_lastError is not null) return [new TurnFailed(CodexErrorClassifier.Classify(_lastError))];
        var detail = string.IsNullOrWhiteSpace(standardErrorTail) ? "it printed nothing on stderr" : standardErrorTail.Trim();
        return [new TurnFailed(GatewayError.Upstream($"Codex exited with code {exitCode} before it answered: {detail}", "cli_failed"))];
    }

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
