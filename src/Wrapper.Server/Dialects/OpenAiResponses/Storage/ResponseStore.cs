using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Server.Dialects.OpenAiResponses.Storage;

/// <summary>
/// Stored responses in the ledger's database (SQLite under DATA_DIR, or PostgreSQL with
/// DATABASE_URL), each under the client that created it: another client's id reads as unknown. A
/// response lives RESPONSES_TTL_HOURS; a client keeps at most RESPONSES_MAX_STORED, the oldest
/// removed first. Expired rows are removed whenever a response is stored.
/// </summary>
internal sealed class ResponseStore(AdoLedgerStore database, IOptions<ResponsesOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _migration = new(1, 1);
    private bool _migrated;

    public async Task SaveAsync(string client, ResponseDraft draft, ResponseObject response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, ResponseStoreSql.Insert, cancellationToken,
            ("id", response.Id), ("client", client), ("created_ms", now), ("expires_ms", now + (long)options.Value.Ttl.TotalMilliseconds),
            ("response_json", JsonSerializer.Serialize(response, ResponsesJson.Context.ResponseObject)),
            ("input_json", JsonSerializer.Serialize([.. draft.InputItems], ResponsesJson.Context.ListJsonElement)));
        await ExecuteAsync(connection, transaction, ResponseStoreSql.DeleteExpired, cancellationToken, ("now", now));
        await ExecuteAsync(connection, transaction, ResponseStoreSql.DeleteOldest, cancellationToken, ("client", client), ("keep", options.Value.MaxStored));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The client's response with this id, or null when it is unknown, expired, deleted or another client's.</summary>
    public async Task<StoredResponse?> FindAsync(string client, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, null, ResponseStoreSql.Select,
            ("id", id), ("client", client), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var items = JsonSerializer.Deserialize(reader.GetString(2), ResponsesJson.Context.ListJsonElement) ?? [];
        return new StoredResponse(reader.GetString(0), reader.GetString(1), items);
    }

    /// <summary>True when the client's response was there and is now gone.</summary>
    public async Task<bool> DeleteAsync(string client, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = Command(connection, null, ResponseStoreSql.Delete,
            ("id", id), ("client", client), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    // The schema is the ledger's: its steps run once per process, whichever of the two needs the database first.
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _migration.WaitAsync(cancellationToken);
            try
            {
                if (!_migrated) await database.MigrateAsync(cancellationToken);
                _migrated = true;
            }
            finally
            {
                _migration.Release();
            }
        }
        return await database.OpenAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = AdoLedgerStore.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters) AdoLedgerStore.Add(command, name, value);
        return command;
    }
}
