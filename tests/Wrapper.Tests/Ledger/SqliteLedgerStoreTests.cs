using Microsoft.Data.Sqlite;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Tests.Ledger;

/// <summary>The SQLite engine on real files in a temp folder.</summary>
public sealed class SqliteLedgerStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Path.Combine(Path.GetTempPath(), "wrapper-ledger-" + Guid.NewGuid().ToString("N"), "nested");

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    private AdoLedgerStore Open() => LedgerStores.Create(new LedgerOptions { DataDir = _folder });

    [Test]
    public async Task The_data_folder_and_the_database_file_are_created_on_first_start()
    {
        await Open().MigrateAsync(CancellationToken.None);

        Assert.That(File.Exists(Path.Combine(_folder, "ledger.db")), Is.True);
    }

    [Test]
    public async Task Every_field_of_a_row_comes_back_as_written_after_a_restart()
    {
        var row = LedgerRows.Sample(1);
        var first = Open();
        await first.MigrateAsync(CancellationToken.None);
        await first.WriteAsync([row], CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var second = Open();
        await second.MigrateAsync(CancellationToken.None);
        var rows = await second.ReadAsync(row.Time, row.Time.AddSeconds(1), CancellationToken.None);

        Assert.That(rows, Is.EqualTo(new[] { row }));
    }

    [Test]
    public async Task Migrating_twice_keeps_the_rows_and_records_each_step_once()
    {
        var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        await store.WriteAsync([LedgerRows.Sample(1), LedgerRows.Sample(2)], CancellationToken.None);

        await store.MigrateAsync(CancellationToken.None);

        var rows = await store.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1), CancellationToken.None);
        Assert.That(rows, Has.Count.EqualTo(2));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "ledger.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_version";
        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync()), Is.EqualTo(LedgerSchema.Steps.Count));
    }

    [Test]
    public async Task A_batch_written_again_after_an_unclear_failure_is_not_counted_twice()
    {
        var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        var batch = new[] { LedgerRows.Sample(1), LedgerRows.Sample(2) };

        await store.WriteAsync(batch, CancellationToken.None);
        await store.WriteAsync(batch, CancellationToken.None);

        var rows = await store.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1), CancellationToken.None);
        Assert.That(rows.Select(r => r.Id), Is.EqualTo(batch.Select(r => r.Id)));
    }

    [Test]
    public async Task Only_rows_inside_the_time_range_are_read()
    {
        var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        var start = DateTimeOffset.Parse("2027-01-01T00:00:00Z");
        await store.WriteAsync([LedgerRows.Sample(1, start.AddSeconds(-1)), LedgerRows.Sample(2, start), LedgerRows.Sample(3, start.AddHours(1))], CancellationToken.None);

        var rows = await store.ReadAsync(start, start.AddHours(1), CancellationToken.None);

        Assert.That(rows.Select(r => r.Time), Is.EqualTo(new[] { start }));
    }

    [Test]
    public async Task A_ledger_of_the_first_schema_is_migrated_with_its_rows_kept()
    {
        Directory.CreateDirectory(_folder);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "ledger.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = LedgerSchema.VersionTable + ";" + LedgerSchema.Steps[0] + """
                ;INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO ledger (id, time_ms, key_id, client_ip, dialect, route, status, total_tokens, duration_ms, tool_calls)
                VALUES ('0123456789abcdef0123456789abcdef', 1800000000000, 'alice', '10.0.0.1', 'openai_chat', '/v1/chat/completions', 200, 42, 5.5, 0)
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = Open();
        await store.MigrateAsync(CancellationToken.None);
        await store.WriteAsync([LedgerRows.Sample(1) with { Instance = "this", Admitted = true }], CancellationToken.None);

        var rows = await store.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1), CancellationToken.None);
        Assert.That(rows.Select(r => (r.KeyId, r.TotalTokens, r.Instance, r.Admitted)),
            Is.EqualTo(new[] { ("alice", (int?)42, (string?)null, false), (LedgerRows.Sample(1).KeyId, LedgerRows.Sample(1).TotalTokens, "this", true) }));
        await using var keys = new SqliteConnection($"Data Source={Path.Combine(_folder, "ledger.db")}");
        await keys.OpenAsync();
        await using var count = keys.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM client_keys";
        Assert.That(Convert.ToInt32(await count.ExecuteScalarAsync()), Is.Zero, "the keys table exists");
    }
}
