using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;
using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// Warm processes with the real Claude Code against the fake Anthropic API: time to first token for turns
/// 2.. of an agent-like loop (one system prompt, a growing conversation, a pause between turns) through
/// the gateway with warm processes, through the gateway without them, and with the CLI started
/// directly; then requests per second from concurrent clients with and without warm processes.
/// </summary>
internal sealed class WarmSection : IBenchmarkSection
{
    private const double TargetTtftRatio = 0.15;
    private const double TargetRate = 10;
    private const string SystemPrompt = "You are a coding agent. Answer briefly.";

    // Agents send the next turn a few seconds after an answer; the pool uses that time to reset.
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(500);

    public string Name => "warm";
    public string Title => "Warm CLI processes: real Claude Code, fake Anthropic API";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        await using var claude = await ClaudeAgainstFakeApi.StartAsync(context, context.ScratchDirectory("claude-warm-home"));
        Dictionary<string, string> Settings(bool warm) => new()
        {
            ["WARM_POOL_ENABLED"] = warm ? "true" : "false",
            ["WARM_POOL_SIZE_PER_KEY"] = context.Plan.WarmClients.ToString(CultureInfo.InvariantCulture),
            ["WARM_POOL_SIZE_TOTAL"] = context.Plan.WarmClients.ToString(CultureInfo.InvariantCulture),
        };
        await using var warmGateway = await claude.StartGatewayAsync(Settings(warm: true));
        await using var coldGateway = await claude.StartGatewayAsync(Settings(warm: false));
        var direct = claude.Direct(context.ScratchDirectory("claude-warm-work"));

        var (warm, cold, directTimes) = await AgentLoopAsync(context, warmGateway, coldGateway, direct);
        var warmSpread = Spread.Of(warm);
        var directSpread = Spread.Of(directTimes);
        var ratio = warmSpread.Over(directSpread);
        var warmRate = await RateAsync(context, warmGateway, context.Plan.WarmThroughputRequests);
        var coldRate = await RateAsync(context, coldGateway, Math.Max(context.Plan.WarmClients, context.Plan.WarmThroughputRequests / 5));
        return
        [
            new Figure($"first token, turns 2-{context.Plan.WarmTurns}: warm gateway", "ms", warmSpread),
            new Figure("first token: gateway without warm processes", "ms", Spread.Of(cold)),
            new Figure("first token: CLI started directly", "ms", directSpread),
            new Figure("ratio warm/direct", "x", ratio, Target.AtMost(ratio, TargetTtftRatio, $"p50 <= {TargetTtftRatio}")),
            new Figure($"throughput, {context.Plan.WarmClients} clients: warm gateway", "req/s", Spread.Single(warmRate),
                new Target($">= {TargetRate} req/s", warmRate >= TargetRate)),
            new Figure($"throughput, {context.Plan.WarmClients} clients: without warm processes", "req/s", Spread.Single(coldRate)),
        ];
    }

    /// <summary>The loop's turns, interleaved warm, cold and direct; turn 1 (cold everywhere) is not counted.</summary>
    private static async Task<(List<double> Warm, List<double> Cold, List<double> Direct)> AgentLoopAsync(
        BenchmarkContext context, GatewayProcess warmGateway, GatewayProcess coldGateway, DirectCli direct)
    {
        List<double> warm = [], cold = [], directTimes = [];
        var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = SystemPrompt } };
        for (var turn = 1; turn <= context.Plan.WarmTurns; turn++)
        {
            context.Log($"warm, agent turn {turn} of {context.Plan.WarmTurns}");
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"Step {turn}: what next?" });
            var warmMs = await FirstTokenAsync(warmGateway, messages);
            var coldMs = await FirstTokenAsync(coldGateway, messages);
            var directMs = await direct.RunAsync($"Step {turn}: what next?", ClaudeAgainstFakeApi.IsFirstDelta);
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = "Hello from fake Anthropic" });
            if (turn > 1)
            {
                warm.Add(warmMs);
                cold.Add(coldMs);
                directTimes.Add(directMs);
            }
            await Task.Delay(ThinkTime);
        }
        return (warm, cold, directTimes);
    }

    private static async Task<double> FirstTokenAsync(GatewayProcess gateway, JsonArray messages)
    {
        var body = new JsonObject { ["model"] = ChatRequests.Model, ["stream"] = true, ["messages"] = messages.DeepClone() };
        var outcome = await GatewayCalls.StreamAsync(gateway.Client, body);
        return outcome.Error is null ? outcome.FirstContentMs : throw new InvalidOperationException($"Stream failed: {outcome.Error}");
    }

    /// <summary>Requests per second from the plan's clients; a first round fills the pool (not counted).</summary>
    private static async Task<double> RateAsync(BenchmarkContext context, GatewayProcess gateway, int requests)
    {
        var clients = context.Plan.WarmClients;
        Func<Task<double>> call = () => GatewayCalls.CompleteAsync(gateway.Client, "Say hello.");
        await Load.RunAsync(clients, clients, call);
        await Task.Delay(ThinkTime);
        var clock = Stopwatch.StartNew();
        await Load.RunAsync(clients, requests, call);
        return requests / clock.Elapsed.TotalSeconds;
    }
}
