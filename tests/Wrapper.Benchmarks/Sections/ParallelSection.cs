using System.Diagnostics;
using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;
using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// With the real Claude Code against the fake Anthropic API and the gateway's default
/// concurrency and warm-pool settings (WARM_POOL_REUSE=auto, beside false): one client sending 40 requests 8 at a time, then 4 clients
/// (4 addresses) doing the same at once; requests served, requests per second, p50/p95, with the
/// CLI started directly at the same concurrency beside it.
/// </summary>
internal sealed class ParallelSection : IBenchmarkSection
{
    private const double TargetRate = 5;
    private const double TargetP95Ms = 5_000;
    private const int PerClient = 8;
    private const string Prompt = "Say hello.";

    public string Name => "parallel";
    public string Title => "Parallel load: real Claude Code, fake Anthropic API, default settings";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context)
    {
        await using var claude = await ClaudeAgainstFakeApi.StartAsync(context, context.ScratchDirectory("claude-parallel-home"));
        Dictionary<string, string> Settings(string reuse) => new()
        {
            // The defaults, not the benchmark's raised limits; clients told apart by X-Forwarded-For.
            ["MAX_CONCURRENT_REQUESTS"] = "0",
            ["MAX_CONCURRENT_PER_IP"] = "0",
            ["WARM_POOL_ENABLED"] = "true",
            ["TRUSTED_PROXIES"] = "127.0.0.1",
            ["WARM_POOL_REUSE"] = reuse,
        };
        // The default (auto: processes reused while a burst runs) beside false (every request its own fresh CLI).
        await using var gateway = await claude.StartGatewayAsync(Settings("auto"));
        await using var fresh = await claude.StartGatewayAsync(Settings("false"));
        var direct = claude.Direct(context.ScratchDirectory("claude-parallel-work"));
        var total = context.Plan.Quick ? 16 : 40;

        List<Figure> figures = [];
        foreach (var clients in new[] { 1, 4 })
        {
            context.Log($"parallel, {clients} client(s): gateway");
            await RunClientsAsync(gateway, clients, PerClient, PerClient); // fills the pool; not counted
            var before = gateway.CliStarts();
            var (served, refused, rate, times) = await RunClientsAsync(gateway, clients, total, PerClient);
            var reused = gateway.CliStarts().GetValueOrDefault("reused") - before.GetValueOrDefault("reused");
            context.Log($"parallel, {clients} client(s): gateway with WARM_POOL_REUSE=false");
            await RunClientsAsync(fresh, clients, PerClient, PerClient);
            var (freshServed, _, freshRate, freshTimes) = await RunClientsAsync(fresh, clients, total, PerClient);
            context.Log($"parallel, {clients} client(s): direct CLI");
            var directClock = Stopwatch.StartNew();
            var directTimes = await Load.RunAsync(clients * PerClient, clients * total, () => direct.RunAsync(Prompt));
            var directRate = directTimes.Count / directClock.Elapsed.TotalSeconds;
            var label = clients == 1 ? "1 client" : $"{clients} clients";
            var p95 = Percentile(times, 0.95);
            figures.AddRange(
            [
                new Figure($"{label}, {total}x{PerClient} at a time: served", "req", Spread.Single(served)),
                new Figure($"{label}: refused", "req", Spread.Single(refused), new Target("0", refused == 0)),
                new Figure($"{label}: gateway", "req/s", Spread.Single(rate), new Target($">= {TargetRate} req/s", rate >= TargetRate)),
                new Figure($"{label}: gateway, served by a reused process", "req", Spread.Single(reused)),
                new Figure($"{label}: gateway, WARM_POOL_REUSE=false", "req/s", Spread.Single(freshRate)),
                new Figure($"{label}: gateway, WARM_POOL_REUSE=false: served", "req", Spread.Single(freshServed)),
                new Figure($"{label}: gateway, WARM_POOL_REUSE=false: latency p95", "ms", Spread.Single(Percentile(freshTimes, 0.95))),
                new Figure($"{label}: CLI started directly", "req/s", Spread.Single(directRate)),
                new Figure($"{label}: gateway latency", "ms", times.Count > 0 ? Spread.Of(times) : Spread.Single(double.NaN)),
                new Figure($"{label}: gateway latency p95", "ms", Spread.Single(p95), new Target($"< {TargetP95Ms} ms", p95 < TargetP95Ms)),
                new Figure($"{label}: direct latency", "ms", Spread.Of(directTimes)),
                new Figure($"{label}: direct latency p95", "ms", Spread.Single(Percentile(directTimes, 0.95))),
            ]);
        }
        return figures;
    }

    /// <summary>Each client (its own address) sends <paramref name="perClient"/> requests, <paramref name="concurrency"/> at a time.</summary>
    private static async Task<(int Served, int Refused, double Rate, List<double> Times)> RunClientsAsync(
        GatewayProcess gateway, int clients, int perClient, int concurrency)
    {
        var outcomes = new List<(bool Ok, double Ms)>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, clients).Select(async client =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
                { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.0.{client}.1");
            var results = await Load.RunAsync(concurrency, perClient, async () =>
            {
                var started = Stopwatch.StartNew();
                using var response = await http.PostAsync(ChatRequests.Body(Prompt));
                await response.Content.ReadAsStringAsync();
                return (response.IsSuccessStatusCode, started.Elapsed.TotalMilliseconds);
            });
            lock (outcomes) outcomes.AddRange(results);
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var served = outcomes.Count(o => o.Ok);
        return (served, outcomes.Count - served, served / elapsed, [.. outcomes.Where(o => o.Ok).Select(o => o.Ms)]);
    }

    private static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)];
    }
}
