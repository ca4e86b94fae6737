using System.Globalization;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// The gateway's resident memory: idle after start, then after a first and a second count of
/// requests (instant fake CLI, several clients). Each figure is a few samples taken once the
/// requests are over; a leak shows as growth between the two counts.
/// </summary>
internal sealed class MemorySection : IBenchmarkSection
{
    private const int Concurrency = 8;
    private const int Samples = 5;
    private const double AllowedGrowth = 1.10;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public string Name => "memory";
    public string Title => "Memory: gateway RSS";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        var plan = context.Plan;
        await using var gateway = await GatewayProcess.StartAsync(context);
        var idle = await SampleAsync(gateway);

        context.Log($"memory: {plan.MemoryFirstCount} requests");
        await Load.RunAsync(Concurrency, plan.MemoryFirstCount, () => GatewayCalls.CompleteAsync(gateway.Client, BenchmarkContext.InstantPrompt));
        var first = await SampleAsync(gateway);

        context.Log($"memory: {plan.MemorySecondCount - plan.MemoryFirstCount} more requests");
        await Load.RunAsync(Concurrency, plan.MemorySecondCount - plan.MemoryFirstCount, () => GatewayCalls.CompleteAsync(gateway.Client, BenchmarkContext.InstantPrompt));
        var second = await SampleAsync(gateway);

        var growth = second.Over(first);
        return
        [
            new Figure("idle", "MB", idle),
            new Figure($"after {Count(plan.MemoryFirstCount)} requests", "MB", first),
            new Figure($"after {Count(plan.MemorySecondCount)} requests", "MB", second),
            new Figure($"growth {Count(plan.MemoryFirstCount)} -> {Count(plan.MemorySecondCount)}", "x", growth,
                Target.AtMost(growth, AllowedGrowth, $"p50 <= {AllowedGrowth:F2}")),
        ];
    }

    private static async Task<Spread> SampleAsync(GatewayProcess gateway)
    {
        await Task.Delay(Settle); // the last responses' buffers returned, timers settled
        return Spread.Of(await ProcessMeter.SampleRssAsync(gateway.ProcessId, Samples, SampleInterval));
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
