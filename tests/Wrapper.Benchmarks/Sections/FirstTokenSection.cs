using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;
using Wrapper.EndToEndTests.Fakes;
using Wrapper.TestSupport;

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
        await NodePackages.EnsureInstalledAsync();
        await using var upstream = await FakeAnthropicServer.StartAsync();
        var baseUrl = upstream.BaseUrl.ToString().TrimEnd('/');
        var home = context.ScratchDirectory("claude-home");
        await using var gateway = await GatewayProcess.StartAsync(context, new Dictionary<string, string>
        {
            ["CLAUDE_CLI_PATH"] = NodePackages.ClaudePath,
            ["ANTHROPIC_BASE_URL"] = baseUrl,
            ["ANTHROPIC_API_KEY"] = "sk-ant-bench",
            ["HOME"] = home,
        });
        var direct = DirectClaude(context, home, baseUrl, context.ScratchDirectory("claude-work"));
        Func<Task<double>> viaDirect = () => direct.RunAsync(Prompt, IsFirstDelta);
        var freshRuns = 0;
        Func<Task<double>> viaFreshDirectory = () =>
            DirectClaude(context, home, baseUrl, context.ScratchDirectory($"claude-fresh-{++freshRuns}")).RunAsync(Prompt, IsFirstDelta);
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

    /// <summary>Claude Code with the environment the gateway gives it (ClaudeProvider and ChildEnvironment).</summary>
    internal static bool IsFirstDelta(string line) => line.Contains("\"text_delta\"", StringComparison.Ordinal);

    internal static DirectCli DirectClaude(BenchmarkContext context, string home, string baseUrl, string workingDirectory)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = context.ScratchDirectory("claude-tmp"),
            ["ANTHROPIC_BASE_URL"] = baseUrl,
            ["ANTHROPIC_API_KEY"] = "sk-ant-bench",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_MAX_RETRIES"] = "1",
        };
        return new DirectCli(NodePackages.ClaudePath, ClaudeArguments.For(context.SystemPromptFile()), environment, workingDirectory);
    }
}
