using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Tests.Ledger;

/// <summary>The batching writer over a real SQLite file, with the database taken away and brought back.</summary>
public sealed class LedgerWriterTests
{
    private static readonly DateTimeOffset Always = DateTimeOffset.UnixEpoch;
    private string _folder = null!;
    private SwitchableStore _store = null!;

    [SetUp]
    public async Task OpenStore()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wrapper-ledger-" + Guid.NewGuid().ToString("N"));
        var real = LedgerStores.Create(new LedgerOptions { DataDir = _folder });
        await real.MigrateAsync(CancellationToken.None);
        _store = new SwitchableStore(real);
    }

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private LedgerWriter Writer(int buffer = 10000) =>
        new(_store, new LedgerOptions { DataDir = _folder, BufferSize = buffer }, TimeProvider.System, NullLogger<LedgerWriter>.Instance);

    private Task<IReadOnlyList<LedgerRow>> StoredAsync() => _store.ReadAsync(Always, DateTimeOffset.MaxValue.AddDays(-1), CancellationToken.None);

    [Test, CancelAfter(20000)]
    public async Task Rows_made_while_the_database_is_away_are_all_written_once_it_is_back(CancellationToken cancellationToken)
    {
        using var writer = Writer();
        await writer.StartAsync(cancellationToken);
        _store.Away = true;
        var rows = Enumerable.Range(0, 1200).Select(n => LedgerRows.Sample(n)).ToList();
        foreach (var row in rows) writer.Add(row);
        while (_store.FailedCalls < 2) await Task.Delay(20, cancellationToken);

        _store.Away = false;
        while (writer.Written < rows.Count) await Task.Delay(20, cancellationToken);
        await writer.StopAsync(cancellationToken);

        Assert.That((await StoredAsync()).Select(r => r.Id), Is.EquivalentTo(rows.Select(r => r.Id)));
    }

    [Test, CancelAfter(20000)]
    public async Task A_hanging_database_never_holds_a_request(CancellationToken cancellationToken)
    {
        using var writer = Writer(buffer: 1000);
        _store.Hangs = true;
        await writer.StartAsync(cancellationToken);
        var clock = Stopwatch.StartNew();

        for (var n = 0; n < 50_000; n++) writer.Add(LedgerRows.Sample(n));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        _store.Hangs = false;
        await writer.StopAsync(cancellationToken);
    }

    [Test, CancelAfter(20000)]
    public async Task A_shutdown_writes_the_rows_still_waiting(CancellationToken cancellationToken)
    {
        using var writer = Writer();
        await writer.StartAsync(cancellationToken);
        var rows = Enumerable.Range(0, 2500).Select(n => LedgerRows.Sample(n)).ToList();

        foreach (var row in rows) writer.Add(row);
        await writer.StopAsync(cancellationToken);

        Assert.That(await StoredAsync(), Has.Count.EqualTo(rows.Count));
    }
}
