using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>Fixed one-minute windows per client address and endpoint group, 429 in the documented shape.</summary>
public sealed class RateLimitTests
{
    private static Task<TestGateway> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true" };
        foreach (var (key, value) in settings) values[key] = value;
        return FakeGateway.StartAsync(values);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_burst_of_concurrent_requests_gets_exactly_the_allowed_number_through(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_PER_MINUTE", "5"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => gateway.Client.GetAsync("v1/models", cancellationToken)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(5));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(7));
        foreach (var response in responses) response.Dispose();
    }

    [Test, CancelAfter(30_000)]
    public async Task Over_the_limit_is_a_429_with_Retry_After_and_a_body_that_names_the_setting(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_PER_MINUTE", "1"));

        (await gateway.Client.GetAsync("v1/models", cancellationToken)).Dispose();
        using var refused = await gateway.Client.GetAsync("v1/models", cancellationToken);
        var body = await refused.Content.ReadAsStringAsync(cancellationToken);
        var seconds = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(seconds, Is.InRange(1, 60));
        Assert.That(body, Is.EqualTo(
            "{\"error\":{\"message\":\"Rate limit exceeded: this route allows 1 requests a minute per client address (RATE_LIMIT_PER_MINUTE; raise it to allow more). "
            + $"Try again in {seconds} seconds.\",\"type\":\"rate_limit_exceeded\",\"code\":\"too_many_requests\",\"retry_after\":{seconds}}}}}"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Retry_After_is_the_time_left_in_the_window_not_a_whole_minute(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_PER_MINUTE", "1"));

        (await gateway.Client.GetAsync("v1/models", cancellationToken)).Dispose();
        await Task.Delay(TimeSpan.FromSeconds(2.2), cancellationToken);
        using var refused = await gateway.Client.GetAsync("v1/models", cancellationToken);
        var header = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        var body = (await refused.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("retry_after").GetInt32();

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(header, Is.InRange(50, 58), "two seconds of the window are gone");
        Assert.That(body, Is.EqualTo(header));
    }

    [Test, CancelAfter(60_000)]
    public async Task Each_endpoint_group_has_its_own_window(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_HEALTH_PER_MINUTE", "2"), ("RATE_LIMIT_CHAT_PER_MINUTE", "1"), ("RATE_LIMIT_PER_MINUTE", "30"));

        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.GetAsync(i == 1 ? "health/" : "health", cancellationToken);
            health.Add(response.StatusCode);
        }
        using var firstChat = await gateway.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);
        await firstChat.Content.ReadAsStringAsync(cancellationToken);
        using var secondChat = await gateway.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);
        using var models = await gateway.Client.GetAsync("models", cancellationToken);

        Assert.That(health, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(firstChat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secondChat.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(models.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_spoofed_X_Forwarded_For_from_an_untrusted_peer_is_ignored(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_PER_MINUTE", "2"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "X-Forwarded-For", $"203.0.113.{i + 1}" } } };
            using var response = await gateway.Client.SendAsync(request, cancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses[2], Is.EqualTo(HttpStatusCode.TooManyRequests), "all three came from 127.0.0.1, whatever the header said");
    }

    [Test, CancelAfter(60_000)]
    public async Task X_Forwarded_For_from_a_trusted_proxy_names_the_client(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_PER_MINUTE", "1"), ("TRUSTED_PROXIES", "127.0.0.1, ::1"));

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "X-Forwarded-For", client } } };
            using var response = await gateway.Client.SendAsync(request, cancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    [Test, CancelAfter(120_000)]
    public async Task With_the_default_limits_one_agent_sending_more_than_a_turn_a_second_never_waits(CancellationToken cancellationToken)
    {
        // A minute of an agent loop at one turn a second, sent faster than that, and the
        // model list the client reads now and then. The CLIs' own MCP calls are never counted.
        await using var gateway = await StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var turn = 0; turn < 65; turn++)
        {
            using var response = await gateway.Client.PostAsync(ChatRequests.Body($"FAKE:reply turn {turn}"), cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            statuses.Add(response.StatusCode);
            if (turn % 10 != 0) continue;
            using var models = await gateway.Client.GetAsync("v1/models", cancellationToken);
            statuses.Add(models.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task With_the_default_limits_a_burst_from_each_of_many_addresses_is_still_cut_off(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("TRUSTED_PROXIES", "127.0.0.1"));
        var limit = new Wrapper.Server.RateLimiting.RateLimitOptions().PerMinute;

        var perAddress = await Task.WhenAll(Enumerable.Range(1, 3).Select(async n =>
        {
            var statuses = new List<HttpStatusCode>();
            string? message = null;
            for (var i = 0; i < limit + 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "X-Forwarded-For", $"203.0.113.{n}" } } };
                using var response = await gateway.Client.SendAsync(request, cancellationToken);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) message = (await response.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("message").GetString();
            }
            return (Ok: statuses.Count(s => s == HttpStatusCode.OK), Refused: statuses.Count(s => s == HttpStatusCode.TooManyRequests), Message: message);
        }));

        Assert.That(perAddress.Select(p => (p.Ok, p.Refused)), Is.All.EqualTo((limit, 5)));
        Assert.That(perAddress[0].Message, Does.Contain("RATE_LIMIT_PER_MINUTE"));
    }

    [Test, CancelAfter(30_000)]
    public async Task The_chat_429_names_the_chat_setting(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_CHAT_PER_MINUTE", "1"));

        using var first = await gateway.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);
        await first.Content.ReadAsStringAsync(cancellationToken);
        using var refused = await gateway.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);
        var message = (await refused.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("message").GetString();

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(message, Does.Contain("RATE_LIMIT_CHAT_PER_MINUTE"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Disabled_limits_let_every_request_through(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(("RATE_LIMIT_ENABLED", "false"), ("RATE_LIMIT_PER_MINUTE", "1"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => gateway.Client.GetAsync("v1/models", cancellationToken)));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        foreach (var response in responses) response.Dispose();
    }
}
