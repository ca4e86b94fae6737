using System.Data.Common;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>The ledger through plain ADO.NET: the engines differ only in the connection they open.</summary>
internal sealed class AdoLedgerStore(Func<DbConnection> connect, string engine) : ILedgerStore
{
    public string Engine => engine;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, LedgerSchema.VersionTable, cancellationToken);
        for (var version = 1; version <= LedgerSchema.Steps.Count; version++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var check = Command(connection, transaction, "SELECT COUNT(*) FROM schema_version WHERE version = @v");
            Add(check, "v", version);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken)) > 0) continue;
            await ExecuteAsync(connection, transaction, LedgerSchema.Steps[version - 1], cancellationToken);
            // Another instance may have run the same step at the same time: the step is idempotent, the record too.
            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version) VALUES (@v) ON CONFLICT (version) DO NOTHING");
            Add(record, "v", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            await using var insert = Command(connection, transaction, LedgerSchema.Insert);
            LedgerRowMapping.Bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerRow>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, null, LedgerSchema.Select);
        Add(select, "from", from.ToUnixTimeMilliseconds());
        Add(select, "to", to.ToUnixTimeMilliseconds());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(LedgerRowMapping.Read(reader));
        return rows;
    }

    /// <summary>An open connection to the ledger's database (also the stored responses' home).</summary>
    internal async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = connect();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
