using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>
/// A stream still running when SHUTDOWN_GRACE_PERIOD runs out ends with an error event in OpenAI's
/// shape, not a connection reset; one whose 200 was still held back gets a 503 instead.
/// </summary>
public sealed class ShutdownCutStreamTests
{
    private static readonly Dictionary<string, string?> ShortGrace = new() { ["SHUTDOWN_GRACE_PERIOD"] = "2000", ["SSE_KEEPALIVE_INTERVAL"] = "30" };

    [Test]
    [CancelAfter(60_000)]
    public async Task A_stream_cut_by_shutdown_ends_with_a_shutting_down_error_event_and_no_done(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(ShortGrace);
        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply first second third fourth", "chunk-delay 20000", $"record {gateway.RecordDirectory}"), stream: true), cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = new List<SseEvent>();
        Task? stopping = null;

        // Reading to the end throws on a connection reset: the test fails then.
        await foreach (var item in ServerSentEvents.ReadAsync(body).WithCancellation(cancellationToken))
        {
            events.Add(item);
            if (stopping is null && item.Raw.Contains("first", StringComparison.Ordinal)) stopping = gateway.StopAsync();
        }
        await stopping!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events.Any(e => e.IsDone), Is.False, "an answer cut short is not complete");
        var error = events.Where(e => !e.IsComment).Last().Json!.Value.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("shutting_down"));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("service_unavailable"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("SHUTDOWN_GRACE_PERIOD"));
        Assert.That(error.TryGetProperty("param", out _), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True, "and its CLI was stopped");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_stream_whose_CLI_said_nothing_before_the_cut_gets_a_503_with_Retry_After(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(ShortGrace);
        var running = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "hang"), stream: true), cancellationToken);
        await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        var stopping = gateway.StopAsync();
        using var response = await running;
        var json = await response.JsonAsync(cancellationToken);
        await stopping;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(json.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("shutting_down"));
    }
}
