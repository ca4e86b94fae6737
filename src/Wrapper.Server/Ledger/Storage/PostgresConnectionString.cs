using Npgsql;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>DATABASE_URL as a URL (<c>postgres://user:pass@host:5432/db</c>, the usual form) or as Npgsql's key=value form.</summary>
internal static class PostgresConnectionString
{
    public static string From(string databaseUrl)
    {
        if (!databaseUrl.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !databaseUrl.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new NpgsqlConnectionStringBuilder(databaseUrl).ConnectionString;
        var uri = new Uri(databaseUrl);
        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Timeout = 5,
        };
        return builder.ConnectionString;
    }
}
