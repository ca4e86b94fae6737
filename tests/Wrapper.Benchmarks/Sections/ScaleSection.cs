using System.Diagnostics;
using System.Globalization;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// Many streams held open at once by a slow fake CLI (it sleeps, then answers), with a one-second
/// keepalive so that keepalives flow the whole time: errors, the gateway's RSS, and its CPU while
/// every CLI is up and silent (the time a gateway spends waiting on its CLIs).
/// </summary>
internal sealed class ScaleSection : IBenchmarkSection
{
    private const double TargetRssMb = 200;
    private const int WarmUpStreams = 20;

    // Each CLI sleeps the hold plus time for all of them to start (a .NET process takes ~70 ms of CPU).
    private static readonly TimeSpan StartAllowancePerStream = TimeSpan.FromMilliseconds(150);

    public string Name => "scale";
    public string Title => "Scale: concurrent streams held open by a slow fake CLI";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        var streams = context.Plan.Streams;
        var room = (streams + 8).ToString(CultureInfo.InvariantCulture);
        await using var gateway = await GatewayProcess.StartAsync(context, new Dictionary<string, string>
        {
            ["MAX_CONCURRENT_REQUESTS"] = room,
            ["MAX_CONCURRENT_PER_IP"] = room,
            ["MAX_QUEUED_REQUESTS"] = room,
            ["SSE_KEEPALIVE_INTERVAL"] = "1",
        });
        var records = Directory.CreateDirectory(Path.Combine(gateway.Scratch, "records")).FullName;
        var sleep = context.Plan.Hold + StartAllowancePerStream * streams;
        var prompt = $"FAKE:record {records}\nFAKE:sleep {(int)sleep.TotalMilliseconds}\nFAKE:reply held open and done";

        // Warm, keepalives included: otherwise the gateway's JIT (tier-1 recompiles on a background
        // thread) shows as CPU while waiting.
        var warmUp = Math.Min(WarmUpStreams, streams / 2);
        await Load.RunAsync(warmUp, warmUp, () => GatewayCalls.StreamAsync(gateway.Client, "FAKE:sleep 3500\nFAKE:reply warm"));
        await Task.Delay(TimeSpan.FromSeconds(2));

        context.Log($"scale: {streams} streams, each CLI sleeping {sleep.TotalSeconds:F0} s");
        var clock = Stopwatch.StartNew();
        var finished = new List<TimeSpan>();
        async Task<StreamOutcome> StreamAsync()
        {
            var outcome = await GatewayCalls.StreamAsync(gateway.Client, prompt);
            lock (finished) finished.Add(clock.Elapsed);
            return outcome;
        }
        var running = Task.WhenAll(Enumerable.Range(0, streams).Select(_ => Task.Run(StreamAsync)));
        var meter = new ScaleMeter(gateway, clock);
        await meter.RunAsync(running, () => Directory.GetFiles(records, "*.json").Length >= streams, () => { lock (finished) return finished.Count > 0; });
        var outcomes = await running;
        var allUp = meter.AllUp ?? clock.Elapsed;
        var firstEnd = finished.Min();

        var errors = outcomes.Count(o => o.Error is not null);
        foreach (var error in outcomes.Where(o => o.Error is not null).Select(o => o.Error).Distinct().Take(5)) context.Log($"scale: stream error: {error}");
        var rss = Spread.Of(meter.Rss);
        return
        [
            new Figure("streams", "", Spread.Single(streams)),
            new Figure("all CLIs started after", "s", Spread.Single(allUp.TotalSeconds)),
            new Figure("all streams open together", "s", Spread.Single((firstEnd - allUp).TotalSeconds)),
            new Figure("errors", "", Spread.Single(errors), new Target("0", errors == 0)),
            new Figure("keepalives per stream", "", Spread.Of(outcomes.Where(o => o.Error is null).Select(o => (double)o.Keepalives).DefaultIfEmpty(0))),
            new Figure("gateway RSS (1 s samples)", "MB", rss, new Target($"p99 <= {TargetRssMb} MB", rss.P99 <= TargetRssMb)),
            new Figure("gateway CPU while waiting", "% core", meter.WaitingCpu.Count > 0 ? Spread.Of(meter.WaitingCpu) : Spread.Single(double.NaN)),
        ];
    }
}
