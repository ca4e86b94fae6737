using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Storage;
using Wrapper.Server.Security.Keys;
using Wrapper.Tests.RateLimiting;

namespace Wrapper.Tests.Ledger;

/// <summary>A key's budgets on a real SQLite ledger and a clock the test moves: UTC days, the last minute, other instances' rows.</summary>
public sealed class KeyBudgetsTests
{
    private string _folder = null!;
    private ManualClock _clock = null!;
    private AdoLedgerStore _store = null!;
    private LedgerInstance _instance = null!;
    private KeyBudgets _budgets = null!;

    [SetUp]
    public async Task Open()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wrapper-budgets-" + Guid.NewGuid().ToString("N"));
        _clock = new ManualClock();
        _store = LedgerStores.Create(new LedgerOptions { DataDir = _folder });
        await _store.MigrateAsync(CancellationToken.None);
        _instance = new LedgerInstance();
        _budgets = new KeyBudgets(_store, _instance, Options.Create(new LedgerOptions { BudgetRefreshSeconds = 0 }), _clock, NullLogger<KeyBudgets>.Instance);
    }

    [TearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ClientKey Key(long? tokens = null, int? perMinute = null) => new("alice", "hash", tokens, perMinute, [], DateTimeOffset.UnixEpoch);

    private async Task<HttpContext> AdmitAsync(ClientKey key)
    {
        var context = new DefaultHttpContext();
        CallerKey.SetClient(context, key);
        await _budgets.AdmitAsync(context, "claude-sonnet-4-5", CancellationToken.None);
        return context;
    }

    private void Finish(HttpContext context, int tokens) =>
        _budgets.Settle(new LedgerRow { Time = _clock.GetUtcNow(), KeyId = "alice", ClientIp = "::1", Dialect = "openai-chat", Route = "/v1/chat/completions", Status = 200, DurationMs = 1, TotalTokens = tokens }, LedgerFacts.Of(context));

    private async Task<GatewayError> RefusedAsync(ClientKey key) =>
        Assert.ThrowsAsync<GatewayException>(async () => await AdmitAsync(key))!.Error;

    [Test]
    public async Task A_spent_day_is_refused_until_midnight_UTC_and_served_after_it()
    {
        _clock.Advance(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59)); // 23:59 UTC
        var key = Key(tokens: 100);
        Finish(await AdmitAsync(key), 100);

        var refused = await RefusedAsync(key);
        Assert.That((refused.Status, refused.Code, refused.RetryAfterSeconds), Is.EqualTo((429, "budget_exceeded", (int?)60)));
        Assert.That(refused.Message, Does.Contain("2026-12-02T00:00:00Z").And.Contain("100 of its 100 tokens"));

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.DoesNotThrowAsync(async () => await AdmitAsync(key));
    }

    [Test]
    public async Task Requests_a_minute_free_up_as_the_oldest_leaves_the_minute()
    {
        var key = Key(perMinute: 2);
        await AdmitAsync(key);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await AdmitAsync(key);

        Assert.That((await RefusedAsync(key)).RetryAfterSeconds, Is.EqualTo(40));
        _clock.Advance(TimeSpan.FromSeconds(41));
        Assert.DoesNotThrowAsync(async () => await AdmitAsync(key));
        Assert.That((await RefusedAsync(key)).Code, Is.EqualTo("requests_per_minute_exceeded"));
    }

    [Test]
    public async Task Another_instances_rows_count_and_this_instances_own_rows_are_not_counted_twice()
    {
        var key = Key(tokens: 300);
        // In the database: 150 tokens another instance served, and this instance's own row of a request it counted in memory.
        await _store.WriteAsync([Written("other-instance", 150), Written(_instance.Id, 999)], CancellationToken.None);

        Finish(await AdmitAsync(key), 100);
        await AdmitAsync(key); // 250 of 300 spent: admitted, holding the key's average request (125)
        var refused = await RefusedAsync(key);

        Assert.That(refused.Message, Does.Contain("250 of its 300 tokens"), "the held request fills the rest");
    }

    [Test]
    public void A_model_outside_the_keys_list_is_a_403_naming_the_model()
    {
        var key = Key() with { Models = ["gemini-*"] };

        var refused = Assert.ThrowsAsync<GatewayException>(async () => await AdmitAsync(key))!.Error;

        Assert.That((refused.Status, refused.Code, refused.Param), Is.EqualTo((403, "model_not_allowed", "model")));
        Assert.That(refused.Message, Does.Contain("claude-sonnet-4-5").And.Contain("gemini-*"));
    }

    private LedgerRow Written(string instance, int tokens) => new()
    {
        Time = _clock.GetUtcNow(), KeyId = "alice", ClientIp = "::1", Dialect = "openai-chat", Route = "/v1/chat/completions",
        Status = 200, DurationMs = 1, TotalTokens = tokens, Instance = instance, Admitted = true,
    };
}
