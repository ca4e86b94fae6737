using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>At most MAX_CONCURRENT_REQUESTS CLIs, a bounded queue with a wait limit, a per-client share.</summary>
public sealed class ConcurrencyTests
{
    private static Task<TestGateway> StartAsync(int concurrent, int queued, int perIp, int queueTimeout = 20) =>
        FakeGateway.StartAsync(new Dictionary<string, string?>
        {
            ["MAX_CONCURRENT_REQUESTS"] = concurrent.ToString(),
            ["MAX_QUEUED_REQUESTS"] = queued.ToString(),
            ["MAX_CONCURRENT_PER_IP"] = perIp.ToString(),
            ["QUEUE_TIMEOUT"] = queueTimeout.ToString(),
            ["TRUSTED_PROXIES"] = "127.0.0.1, ::1", // clients told apart by X-Forwarded-For
        });

    /// <summary>Posts as the client at <paramref name="address"/>; returns when the answer is complete, with its status and the time it finished.</summary>
    private static async Task<(HttpStatusCode Status, TimeSpan FinishedAt)> PostAsAsync(TestGateway gateway, string address, string text, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            { Content = JsonContent.Create(ChatRequests.Body(text)), Headers = { { "X-Forwarded-For", address } } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, clock.Elapsed);
    }

    /// <summary>Starts a request whose CLI hangs and returns once that CLI is running.</summary>
    private static async Task<(Task<HttpResponseMessage> Response, CancellationTokenSource Cancel)> HoldSlotAsync(TestGateway gateway, string name)
    {
        var records = Path.Combine(gateway.RecordDirectory, name);
        Directory.CreateDirectory(records);
        var cancel = new CancellationTokenSource();
        var response = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {records}", "hang")), cancel.Token);
        await FakeCli.WaitForRecordAsync(records);
        return (response, cancel);
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("code").GetString();

    [Test, CancelAfter(60_000)]
    public async Task A_queued_request_waits_for_the_running_one_and_then_runs(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 1, queued: 1, perIp: 5);

        var first = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 2000", "reply first")), cancellationToken);
        await Task.Delay(300, cancellationToken);
        var clock = Stopwatch.StartNew();
        using var second = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply second")), cancellationToken);
        using var firstResponse = await first;

        Assert.That(firstResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)), "the second waited for the first's slot");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_request_beyond_the_queue_is_refused_at_once_with_503_and_Retry_After(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 1, queued: 1, perIp: 5);
        var (running, cancelRunning) = await HoldSlotAsync(gateway, "a");
        using var cancelQueued = new CancellationTokenSource();
        var queued = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply queued")), cancelQueued.Token);
        await Task.Delay(300, cancellationToken);

        var clock = Stopwatch.StartNew();
        using var refused = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply refused")), cancellationToken);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var error = (await refused.JsonAsync(cancellationToken)).GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("gateway_full"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(error.GetProperty("retry_after").GetInt32(), Is.EqualTo((int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds), "the body says what the header says");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(queued.IsCompleted, Is.False, "the queued request is still waiting");

        cancelRunning.Cancel();
        using var queuedResponse = await queued;
        Assert.That(queuedResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the slot freed by the cancelled request went to the queued one");
        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test, CancelAfter(60_000)]
    public async Task A_request_that_waits_longer_than_QUEUE_TIMEOUT_gets_503(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 1, queued: 2, perIp: 5, queueTimeout: 1);
        var (_, cancelRunning) = await HoldSlotAsync(gateway, "a");

        var clock = Stopwatch.StartNew();
        using var refused = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply late")), cancellationToken);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await CodeOf(refused, cancellationToken), Is.EqualTo("queue_timeout"));
        Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10)));
        cancelRunning.Cancel();
    }

    [Test, CancelAfter(60_000)]
    public async Task A_client_alone_uses_every_slot_whatever_its_share(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 2, queued: 4, perIp: 1);
        var (_, cancelRunning) = await HoldSlotAsync(gateway, "a");

        using var second = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply second")), cancellationToken);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync(cancellationToken));
        cancelRunning.Cancel();
    }

    [Test, CancelAfter(60_000)]
    public async Task A_single_clients_parallel_burst_beyond_the_slots_queues_and_every_request_completes(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 2, queued: 8, perIp: 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 300", $"reply burst {i}")), cancellationToken)));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        for (var i = 0; i < responses.Length; i++)
            Assert.That((await responses[i].JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo($"burst {i}"));
        foreach (var response in responses) response.Dispose();
    }

    [Test, CancelAfter(60_000)]
    public async Task Slots_come_back_however_requests_end(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 1, queued: 1, perIp: 1, queueTimeout: 5);

        (await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply ok")), cancellationToken)).Dispose();
        (await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("error 500")), cancellationToken)).Dispose();
        (await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("crash")), cancellationToken)).Dispose();
        var (running, cancel) = await HoldSlotAsync(gateway, "a");
        cancel.Cancel();
        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
        // The cancelled request's handler stops its CLI (SIGTERM, grace period) before it gives the slot back.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        HttpResponseMessage last;
        while ((last = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply still here")), cancellationToken)).StatusCode == HttpStatusCode.TooManyRequests
               && DateTime.UtcNow < deadline)
        {
            last.Dispose();
            await Task.Delay(100, cancellationToken);
        }

        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.OK), await last.Content.ReadAsStringAsync(cancellationToken));
        last.Dispose();
    }

    [Test, CancelAfter(90_000)]
    public async Task Two_clients_share_the_slots_a_later_client_is_not_served_after_the_whole_burst_of_the_first(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 2, queued: 16, perIp: 1);
        var clock = Stopwatch.StartNew();
        var burst = Enumerable.Range(0, 6).Select(i => PostAsAsync(gateway, "203.0.113.1", FakeCli.Directives("sleep 800", $"reply a{i}"), clock, cancellationToken)).ToList();
        await Task.Delay(300, cancellationToken); // b comes after a's whole burst is queued
        var later = Enumerable.Range(0, 2).Select(i => PostAsAsync(gateway, "203.0.113.2", FakeCli.Directives("sleep 800", $"reply b{i}"), clock, cancellationToken)).ToList();

        var a = await Task.WhenAll(burst);
        var b = await Task.WhenAll(later);

        Assert.That(a.Concat(b).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), "nobody was refused");
        // First come first served alone would run b's two after all six of a's; with the share
        // (one slot each while the other waits) b is done while a still has requests to run.
        var bDone = b.Max(r => r.FinishedAt);
        Assert.That(a.Count(r => r.FinishedAt > bDone), Is.GreaterThanOrEqualTo(2), $"a finished at {string.Join(", ", a.Select(r => r.FinishedAt.TotalSeconds.ToString("0.0")))} s, b by {bDone.TotalSeconds:0.0} s");
    }

    [Test, CancelAfter(90_000)]
    public async Task A_queue_that_keeps_moving_serves_a_request_that_waits_longer_than_QUEUE_TIMEOUT(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(concurrent: 1, queued: 8, perIp: 1, queueTimeout: 3);
        var clock = Stopwatch.StartNew();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            PostAsAsync(gateway, "203.0.113.1", FakeCli.Directives("sleep 1000", $"reply q{i}"), clock, cancellationToken)));

        Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), "a slot came free every second or so: nobody was refused");
        Assert.That(responses.Max(r => r.FinishedAt), Is.GreaterThan(TimeSpan.FromSeconds(4)), "the last one waited longer than QUEUE_TIMEOUT (3 s) in the queue");
    }
}
