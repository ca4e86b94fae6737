namespace Wrapper.Server.Ledger.Storage;

/// <summary>One schema, two engines (issue 20.2): embedded SQLite or PostgreSQL.</summary>
internal interface ILedgerStore
{
    /// <summary>Creates or migrates the schema; idempotent, safe to run at every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the rows in one transaction: all of them or none.</summary>
    Task WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken);

    /// <summary>Rows with a time in [from, to), oldest first.</summary>
    Task<IReadOnlyList<LedgerRow>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
