using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// Time to first token with the real Claude Code against the tests' fake Anthropic API: the CLI
/// started directly (first text_delta on its stdout) against a streamed request through the gateway
/// (first content chunk). Direct and gateway runs alternate. The gateway runs each request in a new
/// sandbox, so a direct run in a new working directory each time shows what that alone costs.
/// </summary>
internal sealed class FirstTokenSection : IBenchmarkSection
{
    private const double TargetRatio = 1.05;
    private const string Prompt = "Say hello.";

    public string Name => "first-token";
    public string Title => "Time to first token: real Claude Code, fake Anthropic API";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        await using var claude = await ClaudeAgainstFakeApi.StartAsync(context, context.ScratchDirectory("claude-home"));
        await using var gateway = await claude.StartGatewayAsync();
        var direct = claude.Direct(context.ScratchDirectory("claude-work"));
        Func<Task<double>> viaDirect = () => direct.RunAsync(Prompt, ClaudeAgainstFakeApi.IsFirstDelta);
        var freshRuns = 0;
        Func<Task<double>> viaFreshDirectory = () =>
            claude.Direct(context.ScratchDirectory($"claude-fresh-{++freshRuns}")).RunAsync(Prompt, ClaudeAgainstFakeApi.IsFirstDelta);
        Func<Task<double>> viaGateway = async () =>
        {
            var outcome = await GatewayCalls.StreamAsync(gateway.Client, Prompt);
            return outcome.Error is null ? outcome.FirstContentMs : throw new InvalidOperationException($"Stream failed: {outcome.Error}");
        };
        if (!context.Plan.Quick)
        {
            await viaDirect(); // warm-up: the CLI's files into the page cache (a quick run's earlier sections did that)
            await viaGateway();
        }

        var directTimes = new List<double>();
        var freshTimes = new List<double>();
        var gatewayTimes = new List<double>();
        var differences = new List<double>();
        for (var run = 0; run < context.Plan.FirstTokenRuns; run++)
        {
            context.Log($"first token, run {run + 1} of {context.Plan.FirstTokenRuns}");
            directTimes.Add(await viaDirect());
            freshTimes.Add(await viaFreshDirectory());
            gatewayTimes.Add(await viaGateway());
            differences.Add(gatewayTimes[^1] - directTimes[^1]);
        }
        var directSpread = Spread.Of(directTimes);
        var gatewaySpread = Spread.Of(gatewayTimes);
        var ratio = gatewaySpread.Over(directSpread);
        return
        [
            new Figure("direct", "ms", directSpread),
            new Figure("direct, a new working directory each run", "ms", Spread.Of(freshTimes)),
            new Figure("gateway", "ms", gatewaySpread),
            new Figure("overhead (paired runs)", "ms", Spread.Of(differences)),
            new Figure("ratio", "x", ratio, Target.AtMost(ratio, TargetRatio, $"p50 <= {TargetRatio}")),
        ];
    }
}
