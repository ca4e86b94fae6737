using System.Net;
using Wrapper.IntegrationTests.Ledger;

namespace Wrapper.IntegrationTests.LedgerPostgres;

/// <summary>Two gateway instances on one real PostgreSQL: keys, budgets and revocations hold across them.</summary>
[NonParallelizable]
public sealed class SharedLedgerTests
{
    private static Dictionary<string, string?> Shared(PostgresServer server) => new()
    {
        ["DATABASE_URL"] = server.Url,
        ["KEY_CACHE_SECONDS"] = "0",      // a revocation elsewhere counts at the next request
        ["BUDGET_REFRESH_SECONDS"] = "0", // the other instance's spending too
    };

    [Test, CancelAfter(180_000)]
    public async Task A_key_made_on_one_instance_is_limited_and_revoked_on_the_other(CancellationToken cancellationToken)
    {
        await using var server = await PostgresServer.StartAsync(cancellationToken);
        await using var first = await KeyedGateway.StartAsync(Shared(server));
        await using var second = await KeyedGateway.StartAsync(Shared(server));
        var key = await first.CreateKeyAsync("alice", cancellationToken, tokensPerDay: 240);
        var burst = await first.CreateKeyAsync("bob", cancellationToken, requestsPerMinute: 3);

        // Budget: two answers of 120 tokens on the first instance spend it on the second.
        for (var i = 0; i < 2; i++)
            using (var served = await first.ChatAsync(key, cancellationToken)) Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await first.UsageOfAsync(KeyedGateway.AdminKey, "alice", 2, cancellationToken); // written to the shared database
        using (var spent = await second.ChatAsync(key, cancellationToken))
        {
            Assert.That(spent.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That((await spent.JsonAsync()).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("budget_exceeded"));
        }

        // Requests a minute: three on the first instance leave none on the second.
        for (var i = 0; i < 3; i++) (await first.ChatAsync(burst, cancellationToken)).Dispose();
        await first.UsageOfAsync(KeyedGateway.AdminKey, "bob", 3, cancellationToken);
        using (var busy = await second.ChatAsync(burst, cancellationToken))
            Assert.That((await busy.JsonAsync()).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("requests_per_minute_exceeded"));

        // Revoked on the first, refused on the second at its next request.
        using (var before = await second.SendAsync(burst, HttpMethod.Get, "v1/models", null, cancellationToken)) Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        (await first.SendAsync(KeyedGateway.AdminKey, HttpMethod.Delete, "admin/keys/bob", null, cancellationToken)).Dispose();
        using var after = await second.SendAsync(burst, HttpMethod.Get, "v1/models", null, cancellationToken);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var keys = await second.GetJsonAsync(KeyedGateway.AdminKey, "admin/keys", cancellationToken);
        var alice = keys.GetProperty("data").EnumerateArray().Single();
        Assert.That(alice.GetProperty("tokens_today").GetInt64(), Is.EqualTo(240), "the second instance sees what the first spent");
        Assert.That(alice.GetProperty("tokens_left").GetInt64(), Is.Zero);
    }
}
