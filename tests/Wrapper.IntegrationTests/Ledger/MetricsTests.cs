using System.Net;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>GET /metrics: Prometheus text with requests, errors, tokens by kind, duration and first-token histograms, CLI processes and the queue.</summary>
public sealed class MetricsTests
{
    [Test, CancelAfter(60_000)]
    public async Task Metrics_count_requests_errors_and_tokens_as_the_answers_reported_them(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("alice", cancellationToken);
        for (var i = 0; i < 2; i++) (await gateway.ChatAsync(key, cancellationToken, "in=100 out=20 cache_read=5 cache_creation=3")).Dispose();
        (await gateway.ChatAsync(key, cancellationToken, model: "no-such-model")).Dispose();
        await gateway.UsageOfAsync(KeyedGateway.AdminKey, "alice", 3, cancellationToken); // every row is recorded

        using var response = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Get, "metrics", null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var samples = PrometheusText.Parse(text);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        var chat = new[] { ("route", "/v1/chat/completions"), ("dialect", "openai-chat") };
        Assert.That(samples.Value("wrapper_requests_total", [.. chat, ("provider", "claude"), ("status", "200")]), Is.EqualTo(2));
        Assert.That(samples.Value("wrapper_request_errors_total", [.. chat, ("status", "404"), ("code", "model_not_found")]), Is.EqualTo(1));
        Assert.That(samples.Value("wrapper_tokens_total", ("kind", "prompt"), ("key", "alice")), Is.EqualTo(2 * 108));
        Assert.That(samples.Value("wrapper_tokens_total", ("kind", "completion"), ("key", "alice")), Is.EqualTo(40));
        Assert.That(samples.Value("wrapper_tokens_total", ("kind", "cache_read"), ("key", "alice")), Is.EqualTo(10));
        Assert.That(samples.Value("wrapper_tokens_total", ("kind", "cache_write"), ("key", "alice")), Is.EqualTo(6));
        Assert.That(samples.Value("wrapper_request_duration_seconds_count", [.. chat, ("provider", "claude")]), Is.EqualTo(2));
        Assert.That(samples.Value("wrapper_request_duration_seconds_bucket", [.. chat, ("provider", "claude"), ("le", "+Inf")]), Is.EqualTo(2));
        Assert.That(samples.Value("wrapper_request_duration_seconds_sum", [.. chat, ("provider", "claude")]), Is.GreaterThan(0));
        Assert.That(samples.Value("wrapper_time_to_first_token_seconds_count", ("dialect", "openai-chat"), ("provider", "claude")), Is.EqualTo(2));
        foreach (var state in new[] { "running", "warm", "held" })
            Assert.That(samples.Any(s => s.Name == "wrapper_cli_processes" && s.Labels["state"] == state), Is.True, state);
        Assert.That(samples.Any(s => s.Name == "wrapper_queue_length"), Is.True);
        Assert.That(text, Does.Not.Contain(key));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_running_CLI_shows_in_the_process_gauge(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var running = gateway.ChatAsync(KeyedGateway.AdminKey, cancellationToken, more: "sleep 3000");

        double count = 0;
        while (count == 0 && !running.IsCompleted)
        {
            using var response = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Get, "metrics", null, cancellationToken);
            count = PrometheusText.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).Value("wrapper_cli_processes", ("state", "running"));
        }
        (await running).Dispose();
        using var after = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Get, "metrics", null, cancellationToken);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(PrometheusText.Parse(await after.Content.ReadAsStringAsync(cancellationToken)).Value("wrapper_cli_processes", ("state", "running")), Is.Zero);
    }

    [TestCase(null, 401)]
    [TestCase("true", 200)]
    [CancelAfter(60_000)]
    public async Task Metrics_need_the_admin_key_unless_METRICS_PUBLIC(string? metricsPublic, int status, CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync(new Dictionary<string, string?> { ["METRICS_PUBLIC"] = metricsPublic });

        using var response = await gateway.Client.GetAsync("metrics", cancellationToken);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
    }
}
