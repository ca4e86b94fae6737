using Microsoft.Data.Sqlite;
using Npgsql;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>Picks the engine: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.</summary>
internal static class LedgerStores
{
    public static LedgerDatabase Database(LedgerOptions options)
    {
        if (options.UsesPostgres)
        {
            var connectionString = PostgresConnectionString.From(options.DatabaseUrl!);
            return new LedgerDatabase(() => new NpgsqlConnection(connectionString), "postgresql");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = options.SqlitePath, Pooling = true, DefaultTimeout = 10 }.ToString();
        return new LedgerDatabase(() => new SqliteConnection(sqlite), "sqlite");
    }

    public static AdoLedgerStore Create(LedgerOptions options) => new(Database(options));
}
