using System.Diagnostics;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// Requests per second with a fake CLI that answers at once, from several concurrent clients, against
/// starting the same CLI directly at the same concurrency. Each batch gives one figure per side;
/// batches alternate between the two.
/// </summary>
internal sealed class ThroughputSection : IBenchmarkSection
{
    public string Name => "throughput";
    public string Title => "Throughput: instant fake CLI";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        var plan = context.Plan;
        await using var gateway = await GatewayProcess.StartAsync(context);
        var direct = context.DirectFakeCli();
        Func<Task<double>> viaDirect = () => direct.RunAsync(BenchmarkContext.InstantPrompt);
        Func<Task<double>> viaGateway = () => GatewayCalls.CompleteAsync(gateway.Client, BenchmarkContext.InstantPrompt);
        await Load.RunAsync(plan.ThroughputConcurrency, plan.ThroughputConcurrency, viaGateway); // warm-up

        var directRates = new List<double>();
        var gatewayRates = new List<double>();
        for (var batch = 0; batch < plan.ThroughputBatches; batch++)
        {
            context.Log($"throughput, batch {batch + 1} of {plan.ThroughputBatches}");
            directRates.Add(await RateAsync(plan, viaDirect));
            gatewayRates.Add(await RateAsync(plan, viaGateway));
        }
        var directSpread = Spread.Of(directRates);
        var gatewaySpread = Spread.Of(gatewayRates);
        return
        [
            new Figure($"direct, concurrency {plan.ThroughputConcurrency}", "req/s", directSpread),
            new Figure($"gateway, concurrency {plan.ThroughputConcurrency}", "req/s", gatewaySpread),
            new Figure("ratio gateway/direct", "x", gatewaySpread.Over(directSpread)),
        ];
    }

    private static async Task<double> RateAsync(BenchmarkPlan plan, Func<Task<double>> operation)
    {
        var clock = Stopwatch.StartNew();
        await Load.RunAsync(plan.ThroughputConcurrency, plan.ThroughputBatchSize, operation);
        return plan.ThroughputBatchSize / clock.Elapsed.TotalSeconds;
    }
}
