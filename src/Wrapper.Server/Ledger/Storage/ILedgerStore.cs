namespace Wrapper.Server.Ledger.Storage;

/// <summary>One schema, two engines: embedded SQLite or PostgreSQL.</summary>
internal interface ILedgerStore
{
    /// <summary>Creates or migrates the schema; idempotent, safe to run at every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the rows in one transaction: all of them or none.</summary>
    Task WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken);

    /// <summary>Rows with a time in [from, to), oldest first.</summary>
    Task<IReadOnlyList<LedgerRow>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The key's spending in rows not written by <paramref name="instance"/>: tokens since
    /// <paramref name="dayStart"/>, budgeted requests since <paramref name="minuteStart"/>.
    /// </summary>
    Task<KeySpending> SpendingOfOthersAsync(string keyId, string instance, DateTimeOffset dayStart, DateTimeOffset minuteStart, CancellationToken cancellationToken);
}
