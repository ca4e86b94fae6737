using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>GET /v1/usage: the answers' usage, summed by key, model, provider or day; a client key sees only its own.</summary>
public sealed class UsageTests
{
    [Test, CancelAfter(90_000)]
    public async Task Usage_totals_equal_the_usage_the_answers_reported(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var alice = await gateway.CreateKeyAsync("alice", cancellationToken, models: ["claude-*"]);
        var bob = await gateway.CreateKeyAsync("bob", cancellationToken);
        var reported = new List<JsonElement>();
        foreach (var usage in new[] { "in=100 out=7 cache_read=40 cache_creation=10", "in=3 out=900", "in=12 out=1 cache_read=5000" })
        {
            using var response = await gateway.ChatAsync(alice, cancellationToken, usage);
            reported.Add((await response.JsonAsync()).GetProperty("usage"));
        }
        reported.Add(await StreamedUsageAsync(gateway, alice, "in=55 out=44 cache_read=11", cancellationToken));
        using (var refused = await gateway.ChatAsync(alice, cancellationToken, model: "gemini-2.5-pro")) Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        (await gateway.ChatAsync(bob, cancellationToken, "in=1000 out=1000")).Dispose();

        var mine = await gateway.UsageOfAsync(alice, "alice", 5, cancellationToken);
        var all = await gateway.UsageOfAsync(KeyedGateway.AdminKey, "bob", 1, cancellationToken);
        var ownView = await gateway.UsageAsync(alice, "key", cancellationToken);

        Assert.That(ownView.Keys, Is.EquivalentTo(new[] { "alice" }), "a client key sees only its own requests");
        Assert.That(mine.GetProperty("requests").GetInt64(), Is.EqualTo(5));
        Assert.That(mine.GetProperty("errors").GetInt64(), Is.EqualTo(1));
        Assert.That(mine.GetProperty("prompt_tokens").GetInt64(), Is.EqualTo(reported.Sum(u => u.GetProperty("prompt_tokens").GetInt64())));
        Assert.That(mine.GetProperty("completion_tokens").GetInt64(), Is.EqualTo(reported.Sum(u => u.GetProperty("completion_tokens").GetInt64())));
        Assert.That(mine.GetProperty("total_tokens").GetInt64(), Is.EqualTo(reported.Sum(u => u.GetProperty("total_tokens").GetInt64())));
        Assert.That(mine.GetProperty("cached_tokens").GetInt64(), Is.EqualTo(reported.Sum(u => u.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64())));
        Assert.That(mine.GetProperty("cache_write_tokens").GetInt64(), Is.EqualTo(10));
        Assert.That(mine.GetProperty("p50_duration_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(mine.GetProperty("p95_duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(mine.GetProperty("p50_duration_ms").GetDouble()));
        Assert.That(mine.GetProperty("p50_time_to_first_token_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(mine.GetProperty("warm_share").GetDouble(), Is.Zero, "the pool is off: every CLI started cold");
        var allKeys = await gateway.UsageAsync(KeyedGateway.AdminKey, "key", cancellationToken);
        Assert.That(allKeys.Keys, Is.EquivalentTo(new[] { "alice", "bob" }), "the admin sees every key; its own calls of the key routes are no model requests");
        Assert.That(all.GetProperty("total_tokens").GetInt64(), Is.EqualTo(2000));
    }

    [Test, CancelAfter(60_000)]
    public async Task Usage_groups_by_model_provider_and_UTC_day(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("carol", cancellationToken);
        (await gateway.ChatAsync(key, cancellationToken, "in=10 out=5")).Dispose();
        (await gateway.ChatAsync(key, cancellationToken, "in=20 out=5", model: "gemini-2.5-pro")).Dispose();
        await gateway.UsageOfAsync(key, "carol", 2, cancellationToken);

        var byModel = await gateway.UsageAsync(key, "model", cancellationToken);
        var byProvider = await gateway.UsageAsync(key, "provider", cancellationToken);
        var byDay = await gateway.UsageAsync(key, "day", cancellationToken);

        Assert.That(byModel["claude-sonnet-4-5"].GetProperty("total_tokens").GetInt64(), Is.EqualTo(15));
        Assert.That(byModel["gemini-2.5-pro"].GetProperty("requests").GetInt64(), Is.EqualTo(1));
        Assert.That(byProvider.Keys, Is.EquivalentTo(new[] { "claude", "gemini" }));
        Assert.That(byDay.Keys, Is.EquivalentTo(new[] { DateTime.UtcNow.ToString("yyyy-MM-dd") }));
        Assert.That(byDay.Values.Single().GetProperty("requests").GetInt64(), Is.EqualTo(2));
    }

    [TestCase("group_by=user", "group_by")]
    [TestCase("from=yesterday", "from")]
    [TestCase("from=2030-01-02&to=2030-01-01", "from")]
    [CancelAfter(60_000)]
    public async Task A_bad_usage_query_is_a_400_naming_the_parameter(string query, string param, CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();

        using var response = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Get, "v1/usage?" + query, null, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("error").GetProperty("param").GetString(), Is.EqualTo(param));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_window_in_the_past_holds_none_of_todays_requests(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        (await gateway.ChatAsync(KeyedGateway.AdminKey, cancellationToken)).Dispose();
        await gateway.UsageOfAsync(KeyedGateway.AdminKey, "admin", 1, cancellationToken);

        var json = await gateway.GetJsonAsync(KeyedGateway.AdminKey, "v1/usage?from=2020-01-01&to=1577923200", cancellationToken);

        Assert.That(json.GetProperty("data").GetArrayLength(), Is.Zero);
        Assert.That(json.GetProperty("from").GetInt64(), Is.EqualTo(1577836800));
        Assert.That(json.GetProperty("to").GetInt64(), Is.EqualTo(1577923200));
    }

    private static async Task<JsonElement> StreamedUsageAsync(TestGateway gateway, string key, string usage, CancellationToken cancellationToken)
    {
        var body = ChatRequests.Body(FakeCli.Directives("reply streamed", "usage " + usage), stream: true, includeUsage: true);
        using var response = await gateway.SendAsync(key, HttpMethod.Post, "v1/chat/completions", body, cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response);
        return events.Where(e => e.Json is { } json && json.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            .Select(e => e.Json!.Value.GetProperty("usage")).Single();
    }
}
