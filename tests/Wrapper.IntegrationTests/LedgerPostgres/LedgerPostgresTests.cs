using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.IntegrationTests.LedgerPostgres;

/// <summary>The PostgreSQL engine against a real server the test starts, stops and starts again.</summary>
[NonParallelizable]
public sealed class LedgerPostgresTests
{
    private static readonly DateTimeOffset Always = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Never = DateTimeOffset.MaxValue.AddDays(-1);

    private static LedgerRow Row(int n) => new()
    {
        Time = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000 + n), KeyId = "alice", ClientIp = "10.0.0.1",
        Dialect = "openai-chat", Route = "/v1/chat/completions", RequestedModel = "claude-sonnet-5-5", Provider = "claude",
        CliModel = "claude-sonnet-5-5", Status = n % 5 == 0 ? 429 : 200, ErrorCode = n % 5 == 0 ? "too_many_requests" : null,
        PromptTokens = n, CompletionTokens = 2, CacheReadTokens = 3, CacheWriteTokens = 4, ReasoningTokens = 5, TotalTokens = n + 2,
        DurationMs = 12.5, TimeToFirstTokenMs = n % 2 == 0 ? 3.25 : null, CliStart = "reused", ToolCalls = 1,
    };

    private static AdoLedgerStore Store(PostgresServer server) => LedgerStores.Create(new LedgerOptions { DatabaseUrl = server.Url });

    [Test, CancelAfter(120000)]
    public async Task Rows_and_schema_survive_a_server_restart_and_a_second_migration(CancellationToken cancellationToken)
    {
        await using var server = await PostgresServer.StartAsync(cancellationToken);
        var rows = Enumerable.Range(1, 10).Select(Row).ToList();
        var store = Store(server);
        await store.MigrateAsync(cancellationToken);
        await store.WriteAsync(rows, cancellationToken);

        await server.StopAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
        await server.StartAgainAsync(cancellationToken);
        var again = Store(server);
        await again.MigrateAsync(cancellationToken);

        Assert.That(await again.ReadAsync(Always, Never, cancellationToken), Is.EqualTo(rows));
    }

    [Test, CancelAfter(120000)]
    public async Task A_server_that_goes_away_and_comes_back_loses_no_row(CancellationToken cancellationToken)
    {
        await using var server = await PostgresServer.StartAsync(cancellationToken);
        var store = Store(server);
        using var writer = new LedgerWriter(store, new LedgerOptions { DatabaseUrl = server.Url }, TimeProvider.System, NullLogger<LedgerWriter>.Instance);
        await writer.StartAsync(cancellationToken);
        var before = Enumerable.Range(1, 300).Select(Row).ToList();
        foreach (var row in before) writer.Add(row);
        while (writer.Written < before.Count) await Task.Delay(20, cancellationToken);

        await server.StopAsync(cancellationToken);
        var during = Enumerable.Range(301, 700).Select(Row).ToList();
        foreach (var row in during) writer.Add(row);
        await Task.Delay(1500, cancellationToken); // the writer tries, fails and waits
        Assert.That(writer.Written, Is.EqualTo(before.Count));
        NpgsqlConnection.ClearAllPools();
        await server.StartAgainAsync(cancellationToken);
        while (writer.Written < before.Count + during.Count) await Task.Delay(50, cancellationToken);
        await writer.StopAsync(cancellationToken);

        var stored = await store.ReadAsync(Always, Never, cancellationToken);
        Assert.That(stored.Select(r => r.Id), Is.EquivalentTo(before.Concat(during).Select(r => r.Id)));
    }
}
