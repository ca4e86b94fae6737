using System.Data.Common;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>The client keys in the ledger's database: only their hashes.</summary>
internal sealed class ClientKeyStore(LedgerDatabase database)
{
    private const string Columns = "name, key_hash, tokens_per_day, requests_per_minute, models, created_ms";

    /// <summary>Adds the key; false when the name is taken.</summary>
    public async Task<bool> AddAsync(ClientKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        var added = await LedgerDatabase.ExecuteAsync(connection, null,
            $"INSERT INTO client_keys ({Columns}) VALUES (@name, @hash, @tokens, @rpm, @models, @created) ON CONFLICT (name) DO NOTHING", cancellationToken,
            ("name", key.Name), ("hash", key.Hash), ("tokens", key.TokensPerDay), ("rpm", key.RequestsPerMinute),
            ("models", key.Models.Count == 0 ? null : string.Join(',', key.Models)), ("created", key.CreatedAt.ToUnixTimeMilliseconds()));
        return added > 0;
    }

    public async Task<IReadOnlyList<ClientKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var select = LedgerDatabase.Command(connection, null, $"SELECT {Columns} FROM client_keys ORDER BY name");
        return await ReadAllAsync(select, cancellationToken);
    }

    public async Task<ClientKey?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        await using var select = LedgerDatabase.Command(connection, null, $"SELECT {Columns} FROM client_keys WHERE key_hash = @hash", ("hash", hash));
        return (await ReadAllAsync(select, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Removes the key; false when there was none of that name.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenMigratedAsync(cancellationToken);
        return await LedgerDatabase.ExecuteAsync(connection, null, "DELETE FROM client_keys WHERE name = @name", cancellationToken, ("name", name)) > 0;
    }

    private static async Task<IReadOnlyList<ClientKey>> ReadAllAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ClientKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ClientKey(
                reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2)),
                reader.IsDBNull(3) ? null : Convert.ToInt32(reader.GetValue(3)),
                reader.IsDBNull(4) ? [] : reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5)))));
        }
        return keys;
    }
}
