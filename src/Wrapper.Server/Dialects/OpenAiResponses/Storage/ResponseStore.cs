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
internal sealed class ResponseStore(LedgerDatabase database, IOptions<ResponsesOptions> options, TimeProvider time)
{
    public async Task SaveAsync(string client, ResponseDraft draft, ResponseObject response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LedgerDatabase.ExecuteAsync(connection, transaction, ResponseStoreSql.Insert, cancellationToken,
            ("id", response.Id), ("client", client), ("created_ms", now), ("expires_ms", now + (long)options.Value.Ttl.TotalMilliseconds),
            ("response_json", JsonSerializer.Serialize(response, ResponsesJson.Context.ResponseObject)),
            ("input_json", JsonSerializer.Serialize([.. draft.InputItems], ResponsesJson.Context.ListJsonElement)));
        await LedgerDatabase.ExecuteAsync(connection, transaction, ResponseStoreSql.DeleteExpired, cancellationToken, ("now", now));
        await LedgerDatabase.ExecuteAsync(connection, transaction, ResponseStoreSql.DeleteOldest, cancellationToken, ("client", client), ("keep", options.Value.MaxStored));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The client's response with this id, or null when it is unknown, expired, deleted or another client's.</summary>
    public async Task<StoredResponse?> FindAsync(string client, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var select = LedgerDatabase.Command(connection, null, ResponseStoreSql.Select,
            ("id", id), ("client", client), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var items = JsonSerializer.Deserialize(reader.GetString(2), ResponsesJson.Context.ListJsonElement) ?? [];
        return new StoredResponse(reader.GetString(0), reader.GetString(1), items);
    }

    /// <summary>True when the client's response was there and is now gone.</summary>
    public async Task<bool> DeleteAsync(string client, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var delete = LedgerDatabase.Command(connection, null, ResponseStoreSql.Delete,
            ("id", id), ("client", client), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
