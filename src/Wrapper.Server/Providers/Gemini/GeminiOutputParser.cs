using Wrapper.Server.Core;
using System.Text.Json;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>
/// Reads Gemini CLI's <c>-o stream-json</c> output (docs/cli/EVENTS.md): assistant <c>message</c>
/// events with <c>delta: true</c> are the text as it comes; the final <c>result</c> carries usage or the
/// error but no text of its own. The <c>init</c> event names the model the CLI runs (not for its router,
/// <c>auto</c>), and the result's statistics the model that answered. A run that ends without a result failed before the turn: its exit
/// code and stderr say why.
/// <para>
/// A <c>tool_use</c> event is printed as each function call of the model's answer arrives, but
/// nothing marks the end of that answer: the CLI then runs the tools and prints their
/// <c>tool_result</c>s. The client's tools are served by the gateway, so the CLI's first
/// <c>tools/call</c> there ends the turn (CompletionRun); a <c>tool_result</c> ends it too, for a
/// call the CLI refused before running it (bad arguments), since the CLI would then call the model again.
/// </para>
/// </summary>
internal sealed class GeminiOutputParser : ICliOutputParser
{
    private bool _finished;
    private int _toolCalls;

    public IEnumerable<ProviderEvent> ParseLine(string line)
    {
        if (_finished || !JsonLines.TryParse(line, out var document)) return [];
        using (document)
        {
            var root = document.RootElement;
            return root.GetString("type") switch
            {
                "init" => ModelReported.From(root.GetString("model")) is { Model: not "auto" } model ? [model] : [],
                "message" when root.GetString("role") == "assistant" && root.GetString("content") is { Length: > 0 } text => [new TextDelta(text)],
                "tool_use" => [new ToolCallReady(_toolCalls++, root.GetString("tool_id") ?? "", root.GetString("tool_name") ?? "",
                    root.TryGetProperty("parameters", out var parameters) ? parameters.GetRawText() : "{}")],
                "tool_result" when _toolCalls > 0 => EndAtToolUse(),
                "result" => FromResult(root),
                _ => [],
            };
        }
    }

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail)
    {
        if (_finished) return [];
        _finished = true;
        return [new TurnFailed(GeminiErrorClassifier.FromExit(exitCode, standardErrorTail))];
    }

    private List<ProviderEvent> EndAtToolUse()
    {
        _finished = true;
        return [new TurnCompleted(FinishReason.ToolCalls)];
    }

    private List<ProviderEvent> FromResult(JsonElement result)
    {
        _finished = true;
        if (result.GetString("status") != "success")
        {
            var message = result.TryGetProperty("error", out var error) ? error.GetString("message") ?? "" : "";
            return [new TurnFailed(GeminiErrorClassifier.FromResult(message))];
        }
        var events = new List<ProviderEvent>();
        if (result.TryGetProperty("stats", out var stats))
        {
            if (ServedModel(stats) is { } model) events.Add(model);
            events.Add(new UsageReported(ReadUsage(stats)));
        }
        events.Add(new TurnCompleted(FinishReason.Stop));
        return events;
    }

    /// <summary>
    /// The model that answered, as the result's <c>stats.models</c> counts the calls per model: the one that
    /// read the most input (the whole conversation), not a helper model that routed or checked it on a
    /// summary. Names a fallback model too, where the CLI switched after an error. Null when none was called.
    /// </summary>
    private static ModelReported? ServedModel(JsonElement stats)
    {
        if (!stats.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object) return null;
        var served = models.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.GetInt("input_tokens") > 0)
            .OrderByDescending(m => m.Value.GetInt("input_tokens")).Select(m => m.Name).FirstOrDefault();
        return ModelReported.From(served);
    }

    /// <summary><c>input_tokens</c> includes the cached ones; <c>input</c> is the uncached rest when present.</summary>
    internal static TokenUsage ReadUsage(JsonElement stats)
    {
        var cached = stats.GetInt("cached");
        var uncached = stats.TryGetProperty("input", out _) ? stats.GetInt("input") : Math.Max(0, stats.GetInt("input_tokens") - cached);
        return new TokenUsage(InputTokens: uncached, OutputTokens: stats.GetInt("output_tokens"), CacheReadTokens: cached);
    }
}
