using System.Data.Common;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>
/// The one database the ledger and the client keys share, through plain ADO.NET: the engines differ
/// only in the connection they open. The schema is migrated once per process, before first use.
/// </summary>
internal sealed class LedgerDatabase(Func<DbConnection> connect, string engine)
{
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public string Engine => engine;

    /// <summary>Creates or migrates the schema; idempotent, safe to run at every start and on several instances at once.</summary>
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
            // Another instance may have run the same step at the same time: its step fails and is retried, the record is idempotent.
            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version) VALUES (@v) ON CONFLICT (version) DO NOTHING");
            Add(record, "v", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>An open connection on a migrated schema.</summary>
    public async Task<DbConnection> OpenMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _migration.WaitAsync(cancellationToken);
            try
            {
                if (!_migrated) await MigrateAsync(cancellationToken);
                _migrated = true;
            }
            finally
            {
                _migration.Release();
            }
        }
        return await OpenAsync(cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
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

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
