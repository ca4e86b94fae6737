using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;
using Wrapper.EndToEndTests.Fakes;
using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// An agent loop with the real Claude Code against a fake Anthropic API that emulates prefix prompt
/// caching at <c>cache_control</c> breakpoints: ten turns, each but the last a tool call whose 4 KB
/// result the client sends back. Through the gateway that continues held processes (the model sees
/// native tool_use / tool_result blocks, and each call's prefix is the previous call), through the
/// gateway with holding off (each turn a fresh CLI resuming the conversation written as its session
/// file: native blocks too) and with holding and reconstruction off (each turn a fresh CLI reading a
/// transcript): the upstream input not read from the cache per token of the final context, and the
/// time to the first streamed delta of turns 2-10 against a CLI started directly. Beside it the same
/// loop as an agent with XML tools sends it (Cline, older Roo Code: every turn a plain answer holding a
/// tool use as XML, the result sent back in the next user message): through held processes that take
/// the next user message, and through reconstruction.
/// </summary>
internal sealed class AgentLoopSection : IBenchmarkSection
{
    private const int Turns = 10;
    private const double TargetUncachedRatio = 1.2;
    private const double TargetTtftRatio = 0.1;
    private const string Tool = "mcp__w__read_file";

    // An agent runs the tool between turns; the gateway holds the process meanwhile.
    private static readonly TimeSpan ToolTime = TimeSpan.FromMilliseconds(300);

    public string Name => "agent-loop";
    public string Title => "Agent loop: real Claude Code, fake Anthropic API with prompt caching";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        var home = context.ScratchDirectory("claude-loop-home");
        var (continuedTimes, continuedRatio) = await LoopAsync(context, home, Way.Continued);
        var (reconstructedTimes, reconstructedRatio) = await LoopAsync(context, home, Way.Reconstructed);
        var (transcriptTimes, transcriptRatio) = await LoopAsync(context, home, Way.Transcript);
        var (xmlContinuedTimes, xmlContinuedRatio) = await LoopAsync(context, home, Way.Continued, xmlTools: true);
        var (xmlReconstructedTimes, xmlReconstructedRatio) = await LoopAsync(context, home, Way.Reconstructed, xmlTools: true);

        await using var claude = await ClaudeAgainstFakeApi.StartAsync(context, home);
        var direct = claude.Direct(context.ScratchDirectory("claude-loop-work"));
        var directTimes = new List<double>();
        for (var run = 0; run < (context.Plan.Quick ? 3 : 5); run++) directTimes.Add(await direct.RunAsync("Step: what next?", ClaudeAgainstFakeApi.IsFirstDelta));

        var continued = Spread.Of(continuedTimes);
        var ttftRatio = continued.Over(Spread.Of(directTimes));
        return
        [
            new Figure("uncached upstream input / final context: continued", "x", Spread.Single(continuedRatio),
                new Target($"<= {TargetUncachedRatio}", continuedRatio <= TargetUncachedRatio)),
            new Figure("uncached upstream input / final context: reconstructed", "x", Spread.Single(reconstructedRatio),
                new Target($"<= {TargetUncachedRatio}", reconstructedRatio <= TargetUncachedRatio)),
            new Figure("uncached upstream input / final context: transcript", "x", Spread.Single(transcriptRatio)),
            new Figure($"first delta, turns 2-{Turns}: continued", "ms", continued),
            new Figure($"first delta, turns 2-{Turns}: reconstructed", "ms", Spread.Of(reconstructedTimes)),
            new Figure($"first delta, turns 2-{Turns}: transcript", "ms", Spread.Of(transcriptTimes)),
            new Figure("XML tools, uncached upstream input / final context: continued", "x", Spread.Single(xmlContinuedRatio),
                new Target($"<= {TargetUncachedRatio}", xmlContinuedRatio <= TargetUncachedRatio)),
            new Figure("XML tools, uncached upstream input / final context: reconstructed", "x", Spread.Single(xmlReconstructedRatio)),
            new Figure($"XML tools, first delta, turns 2-{Turns}: continued", "ms", Spread.Of(xmlContinuedTimes)),
            new Figure($"XML tools, first delta, turns 2-{Turns}: reconstructed", "ms", Spread.Of(xmlReconstructedTimes)),
            new Figure("first token: CLI started directly (cold)", "ms", Spread.Of(directTimes)),
            new Figure("ratio continued/direct", "x", ttftRatio, Target.AtMost(ttftRatio, TargetTtftRatio, $"p50 <= {TargetTtftRatio}")),
        ];
    }

    /// <summary>How the gateway serves turns 2..: held processes, resumed session files, or a transcript.</summary>
    private enum Way
    {
        Continued,
        Reconstructed,
        Transcript,
    }

    /// <summary>
    /// One loop through its own gateway and upstream: first-delta times of turns 2.., and uncached input
    /// / final context. With <paramref name="xmlTools"/> the model writes its tool uses as XML text.
    /// </summary>
    private static async Task<(List<double> Times, double UncachedRatio)> LoopAsync(BenchmarkContext context, string home, Way way, bool xmlTools = false)
    {
        await using var claude = await ClaudeAgainstFakeApi.StartAsync(context, home);
        var upstream = claude.Upstream;
        upstream.PromptCache = new FakePromptCache();
        if (xmlTools) upstream.ReplyText = XmlToolUse;
        else upstream.ToolUse = (Tool, """{"path":"src/module.ts"}""");
        upstream.ToolUseAfterResults = !xmlTools;
        await using var gateway = await claude.StartGatewayAsync(new Dictionary<string, string>
        {
            ["WARM_POOL_ENABLED"] = "true",
            ["HELD_TURNS_MAX"] = way == Way.Continued ? "4" : "0",
            ["HISTORY_RECONSTRUCTION"] = way == Way.Transcript ? "false" : "true",
        });
        var messages = new JsonArray
        {
            new JsonObject { ["role"] = "system", ["content"] = "You are a coding agent. Read the files you need, one at a time." },
            new JsonObject { ["role"] = "user", ["content"] = "Summarise src/module.ts and the files it imports." },
        };
        var times = new List<double>();
        for (var turn = 1; turn <= Turns; turn++)
        {
            context.Log($"agent loop ({way.ToString().ToLowerInvariant()}{(xmlTools ? ", XML tools" : "")}), turn {turn} of {Turns}");
            if (turn == Turns) upstream.ToolUse = null; // the last turn answers in text
            var (firstDeltaMs, text, calls) = await TurnAsync(gateway.Client, messages, offersTools: !xmlTools);
            if (turn > 1) times.Add(firstDeltaMs);
            if (turn == Turns) break;
            if (xmlTools)
            {
                // As Cline sends it: the answer exactly as streamed, then the tool's result as the next user message.
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = text });
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = "[read_file for 'src/module.ts'] Result:\n" + FileContent(turn) });
                await Task.Delay(ToolTime);
                continue;
            }
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = calls });
            foreach (var call in calls)
                messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = call!["id"]!.DeepClone(), ["content"] = FileContent(turn) });
            await Task.Delay(ToolTime);
        }
        var usages = upstream.PromptCache.Usages;
        var uncached = usages.Sum(u => u.InputTokens + u.CacheCreationTokens);
        return (times, (double)uncached / usages[^1].Total);
    }

    // The answer of an agent with XML tools (docs/clients/REPORT.md): a tool use as text, a trailing newline included.
    private const string XmlToolUse = "I will read the module.\n\n<read_file>\n<path>src/module.ts</path>\n</read_file>\n";

    /// <summary>A streamed turn: milliseconds to its first delta (text or tool call), its text, and its tool calls as the client sends them back.</summary>
    private static async Task<(double FirstDeltaMs, string Text, JsonArray Calls)> TurnAsync(HttpClient client, JsonArray messages, bool offersTools)
    {
        var body = new JsonObject { ["model"] = ChatRequests.Model, ["stream"] = true, ["messages"] = messages.DeepClone() };
        if (offersTools)
            body["tools"] = new JsonArray { JsonNode.Parse("""
                {"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
                 "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}
                """) };
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync(body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The gateway answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        double? first = null;
        var calls = new JsonArray();
        var text = new System.Text.StringBuilder();
        await foreach (var item in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync()))
        {
            if (item.Json is not { } json || json.GetProperty("choices").GetArrayLength() == 0) continue;
            var delta = json.GetProperty("choices")[0].GetProperty("delta");
            var hasText = delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0;
            var hasCalls = delta.TryGetProperty("tool_calls", out var pieces);
            if ((hasText || hasCalls) && first is null) first = clock.Elapsed.TotalMilliseconds;
            if (hasText) text.Append(content.GetString());
            if (hasCalls) Collect(calls, pieces);
        }
        return (first ?? throw new InvalidOperationException("The turn streamed nothing."), text.ToString(), calls);
    }

    private static void Collect(JsonArray calls, JsonElement pieces)
    {
        foreach (var piece in pieces.EnumerateArray())
        {
            var index = piece.GetProperty("index").GetInt32();
            while (calls.Count <= index) calls.Add(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "", ["arguments"] = "" } });
            var call = calls[index]!.AsObject();
            if (piece.TryGetProperty("id", out var id)) call["id"] = id.GetString();
            var function = piece.GetProperty("function");
            if (function.TryGetProperty("name", out var name)) call["function"]!["name"] = name.GetString();
            if (function.TryGetProperty("arguments", out var arguments))
                call["function"]!["arguments"] = call["function"]!["arguments"]!.GetValue<string>() + arguments.GetString();
        }
    }

    /// <summary>About 4 KB of a source file, different each turn.</summary>
    private static string FileContent(int turn) =>
        string.Concat(Enumerable.Range(0, 100).Select(line => $"export const value{turn}_{line:00} = {turn * 1000 + line}; // generated line {line:00}\n"))[..4096];
}
