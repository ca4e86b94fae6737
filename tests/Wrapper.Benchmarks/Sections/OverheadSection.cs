using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// Latency of a non-streamed request through the gateway against the same fake CLI started directly
/// (same arguments, same prompt, same setsid spawn), at several concurrencies. Direct and gateway
/// rounds alternate, so that a noisy neighbour on the machine slows both alike, and the overhead is
/// taken per pair of neighbouring rounds. The gateway's own CPU time per request (from /proc) says
/// what it costs regardless of how busy the machine is.
/// </summary>
internal sealed class OverheadSection : IBenchmarkSection
{
    private const double TargetMs = 2;

    public string Name => "overhead";
    public string Title => "Overhead: non-stream request vs. the fake CLI started directly";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        var plan = context.Plan;
        await using var gateway = await GatewayProcess.StartAsync(context);
        var direct = context.DirectFakeCli();
        Func<Task<double>> viaDirect = () => direct.RunAsync(BenchmarkContext.InstantPrompt);
        Func<Task<double>> viaGateway = () => GatewayCalls.CompleteAsync(gateway.Client, BenchmarkContext.InstantPrompt);
        // Warm-up: page cache, connections, and enough requests that the gateway's JIT has
        // recompiled its hot paths (tier 1) before the rounds that count.
        await Load.RunAsync(2, 4, viaDirect);
        await Load.RunAsync(4, plan.OverheadWarmUp, viaGateway);

        var figures = new List<Figure>();
        foreach (var concurrency in plan.OverheadConcurrency)
        {
            context.Log($"overhead at concurrency {concurrency}");
            var directTimes = new List<double>();
            var gatewayTimes = new List<double>();
            var differences = new List<double>();
            var cpuPerRequest = new List<double>();
            for (var round = 0; round < plan.OverheadRounds; round++)
            {
                var directRound = await Load.RunAsync(concurrency, concurrency, viaDirect);
                var cpuBefore = gateway.CpuTime;
                var gatewayRound = await Load.RunAsync(concurrency, concurrency, viaGateway);
                cpuPerRequest.Add((gateway.CpuTime - cpuBefore).TotalMilliseconds / concurrency);
                directTimes.AddRange(directRound);
                gatewayTimes.AddRange(gatewayRound);
                differences.Add(gatewayRound.Average() - directRound.Average());
            }
            var directSpread = Spread.Of(directTimes);
            var gatewaySpread = Spread.Of(gatewayTimes);
            var overhead = Spread.Of(differences);
            figures.Add(new Figure($"direct, concurrency {concurrency}", "ms", directSpread));
            figures.Add(new Figure($"gateway, concurrency {concurrency}", "ms", gatewaySpread));
            figures.Add(new Figure($"overhead (paired rounds), concurrency {concurrency}", "ms", overhead,
                concurrency == 1 ? Target.AtMost(overhead, TargetMs, $"p50 <= {TargetMs} ms") : null));
            figures.Add(new Figure($"ratio, concurrency {concurrency}", "x", gatewaySpread.Over(directSpread)));
            figures.Add(new Figure($"gateway CPU per request, concurrency {concurrency}", "ms", Spread.Of(cpuPerRequest)));
        }
        return figures;
    }
}
