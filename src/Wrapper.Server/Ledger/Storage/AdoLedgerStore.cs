namespace Wrapper.Server.Ledger.Storage;

/// <summary>The ledger's rows in <see cref="LedgerDatabase"/>.</summary>
internal sealed class AdoLedgerStore(LedgerDatabase database) : ILedgerStore
{
    public string Engine => database.Engine;

    public LedgerDatabase Database => database;

    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public async Task WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            await using var insert = LedgerDatabase.Command(connection, transaction, LedgerSchema.Insert);
            LedgerRowMapping.Bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerRow>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var select = LedgerDatabase.Command(connection, null, LedgerSchema.Select,
            ("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(LedgerRowMapping.Read(reader));
        return rows;
    }

    public async Task<KeySpending> SpendingOfOthersAsync(string keyId, string instance, DateTimeOffset dayStart, DateTimeOffset minuteStart, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var select = LedgerDatabase.Command(connection, null, LedgerSchema.SpendingOfOthers,
            ("key", keyId), ("instance", instance), ("day", dayStart.ToUnixTimeMilliseconds()), ("minute", minuteStart.ToUnixTimeMilliseconds()));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new KeySpending(
            Tokens: reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0)),
            CountedRequests: reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1)),
            RecentRequests: reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2)),
            OldestRecent: reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(3))));
    }
}
