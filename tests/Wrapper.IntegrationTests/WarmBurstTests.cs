using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Several clients bursting at once (the default WARM_POOL_REUSE=auto): each client's requests are
/// served by its own reused processes, a freed slot goes first to a request whose process is ready,
/// and no client waits for the others' whole bursts.
/// </summary>
public sealed class WarmBurstTests
{
    private const int Slots = 4;
    private const int PerClient = 8;
    private static readonly string[] Clients = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"];

    [Test, CancelAfter(120_000)]
    public async Task A_burst_of_several_clients_reuses_each_clients_own_processes_and_serves_them_side_by_side(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?>
        {
            ["MAX_CONCURRENT_REQUESTS"] = Slots.ToString(),
            ["MAX_CONCURRENT_PER_IP"] = "0", // the default share: half the slots while others wait
            ["TRUSTED_PROXIES"] = "127.0.0.1, ::1", // clients told apart by X-Forwarded-For
        }));
        List<(string Client, FakeCliRecord Record, TimeSpan FinishedAt)> served;
        await using (gateway)
        {
            var clock = Stopwatch.StartNew();
            var requests = Clients.SelectMany(client => Enumerable.Range(0, PerClient).Select(i => AskAsync(gateway, client, i, clock, cancellationToken))).ToList();
            served = [.. await Task.WhenAll(requests)];

            var processesOf = served.GroupBy(s => s.Client).ToDictionary(g => g.Key, g => g.Select(s => s.Record.Pid).Distinct().ToList());
            TestContext.Out.WriteLine($"{served.Select(s => s.Record.Pid).Distinct().Count()} processes served {served.Count} requests: "
                + string.Join("; ", processesOf.Select(p => $"{p.Key}: {p.Value.Count}")));
            Assert.That(processesOf.Values.SelectMany(p => p).GroupBy(pid => pid).Where(g => g.Count() > 1), Is.Empty,
                "no process served two clients");
        }
        // The gateway is stopped, so every request line is written.
        var lines = capture.Text.Split('\n').Where(l => l.StartsWith("POST /v1/chat/completions 200", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(served.Count));
        // One cold start per client, plus at most the slots one client's first requests took before the
        // others arrived; every other request on a reused (or the pool's pre-started) process of its own.
        Assert.That(lines.Count(l => l.Contains("cli=cold", StringComparison.Ordinal)), Is.LessThanOrEqualTo(Clients.Length + Slots - 1),
            "cold starts");
        foreach (var (client, finished) in served.GroupBy(s => s.Client).Select(g => (g.Key, g.Select(s => s.FinishedAt).ToList())))
            Assert.That(served.Where(s => s.Client != client).Count(s => s.FinishedAt > finished.Min()), Is.GreaterThan(0),
                $"{client} had an answer before the other clients' bursts were all done");
        foreach (var (client, record, _) in served)
            Assert.That(record.PromptText.Split("burst ").Length - 1, Is.EqualTo(1), $"a turn of {client} saw its own request only");
        foreach (var pid in served.Select(s => s.Record.Pid).Distinct())
            Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(pid)), $"process {pid} outlived the gateway");
        Assert.That(served.Select(s => s.Record.SandboxPath).Distinct().Where(Directory.Exists), Is.Empty, "every sandbox was removed");
    }

    private static async Task<(string Client, FakeCliRecord Record, TimeSpan FinishedAt)> AskAsync(
        TestGateway gateway, string client, int i, Stopwatch clock, CancellationToken cancellationToken)
    {
        var records = Path.Combine(gateway.RecordDirectory, $"{client}-{i}");
        Directory.CreateDirectory(records);
        var text = $"burst {client} {i}\n" + FakeCli.Directives($"record {records}", "sleep 300", $"reply {client}-{i}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            { Content = JsonContent.Create(ChatRequests.Body(text)), Headers = { { "X-Forwarded-For", client } } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return (client, await FakeCli.WaitForRecordAsync(records), clock.Elapsed);
    }
}
