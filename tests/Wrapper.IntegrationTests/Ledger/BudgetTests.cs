using System.Net;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>Per-key limits: tokens a UTC day, requests a minute, models; under parallel requests and across a restart.</summary>
public sealed class BudgetTests
{
    // The fake CLI reports 100 prompt and 20 completion tokens: 120 a request.
    private const int PerRequest = 120;

    [Test, CancelAfter(60_000)]
    public async Task Over_its_daily_tokens_a_key_gets_a_429_naming_the_key_the_budget_and_the_reset(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("alice", cancellationToken, tokensPerDay: 3 * PerRequest);

        for (var i = 0; i < 3; i++)
        {
            using var served = await gateway.ChatAsync(key, cancellationToken);
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
            await served.Content.ReadAsStringAsync(cancellationToken);
        }
        await gateway.UsageOfAsync(KeyedGateway.AdminKey, "alice", 3, cancellationToken);
        using var refused = await gateway.ChatAsync(key, cancellationToken);
        var error = (await refused.JsonAsync()).GetProperty("error");

        var midnight = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("budget_exceeded"));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("insufficient_quota"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("'alice'").And.Contain("360 tokens").And.Contain(midnight.ToString("yyyy-MM-dd'T'00:00:00'Z'")));
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.That(retryAfter, Is.InRange((int)(midnight - DateTime.UtcNow).TotalSeconds - 5, (int)(midnight - DateTime.UtcNow).TotalSeconds + 5));
        Assert.That(error.GetProperty("retry_after").GetInt32(), Is.EqualTo(retryAfter));

        var keys = await gateway.GetJsonAsync(KeyedGateway.AdminKey, "admin/keys", cancellationToken);
        var alice = keys.GetProperty("data")[0];
        Assert.That(alice.GetProperty("tokens_today").GetInt64(), Is.EqualTo(3 * PerRequest));
        Assert.That(alice.GetProperty("tokens_left").GetInt64(), Is.Zero);
    }

    [Test, CancelAfter(90_000)]
    public async Task Parallel_requests_never_overshoot_a_budget_beyond_the_requests_already_admitted(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("alice", cancellationToken, tokensPerDay: 6 * PerRequest);
        using (var first = await gateway.ChatAsync(key, cancellationToken)) await first.Content.ReadAsStringAsync(cancellationToken);
        await gateway.UsageOfAsync(KeyedGateway.AdminKey, "alice", 1, cancellationToken);

        // 20 at once, each held by the CLI for a moment so that all of them are in flight together.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.ChatAsync(key, cancellationToken, more: "sleep 500")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses) response.Dispose();

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(5), "the budget left room for five more requests of the key's size");
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(15));
        var usage = await gateway.UsageOfAsync(KeyedGateway.AdminKey, "alice", 21, cancellationToken);
        Assert.That(usage.GetProperty("total_tokens").GetInt64(), Is.EqualTo(6 * PerRequest), "spent exactly the budget, no more");
    }

    [Test, CancelAfter(60_000)]
    public async Task Over_its_requests_a_minute_a_key_gets_a_429_with_Retry_After_even_when_they_come_at_once(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("bob", cancellationToken, requestsPerMinute: 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.ChatAsync(key, cancellationToken)));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(5));
        Assert.That(refused, Has.Count.EqualTo(15));
        var error = (await refused[0].JsonAsync()).GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("requests_per_minute_exceeded"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("'bob'").And.Contain("5 requests a minute"));
        Assert.That(int.Parse(refused[0].Headers.GetValues("Retry-After").Single()), Is.InRange(1, 60));
        foreach (var response in responses) response.Dispose();
    }

    [Test, CancelAfter(60_000)]
    public async Task A_model_outside_the_keys_models_is_a_403_and_a_listed_prefix_is_served(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("carol", cancellationToken, models: ["claude-sonnet-*"]);

        using var served = await gateway.ChatAsync(key, cancellationToken, model: "claude-sonnet-4-5");
        using var refused = await gateway.ChatAsync(key, cancellationToken, model: "gemini-2.5-pro");
        var error = (await refused.JsonAsync()).GetProperty("error");

        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("model_not_allowed"));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("model"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("'carol'").And.Contain("gemini-2.5-pro").And.Contain("claude-sonnet-*"));
    }

    [Test, CancelAfter(90_000)]
    public async Task A_spent_budget_stays_spent_after_a_restart(CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("wrapper-ledger-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["DATA_DIR"] = data };
            string key;
            await using (var gateway = await KeyedGateway.StartAsync(settings))
            {
                key = await gateway.CreateKeyAsync("dave", cancellationToken, tokensPerDay: 2 * PerRequest);
                for (var i = 0; i < 2; i++) (await gateway.ChatAsync(key, cancellationToken)).Dispose();
            } // the shutdown flushes the rows still waiting

            await using var restarted = await KeyedGateway.StartAsync(settings);
            using var refused = await restarted.ChatAsync(key, cancellationToken);

            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That((await refused.JsonAsync()).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("budget_exceeded"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task The_admin_key_has_no_budget(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        await gateway.CreateKeyAsync("erin", cancellationToken, tokensPerDay: 1, requestsPerMinute: 1);

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.ChatAsync(KeyedGateway.AdminKey, cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
