namespace Wrapper.Server.Ledger;

/// <summary>Where the usage ledger and the client keys live, and how fresh what is read from them must be. Keys are environment variable names.</summary>
internal sealed record LedgerOptions
{
    /// <summary>Folder of the embedded SQLite ledger, created on first start.</summary>
    [ConfigurationKeyName("DATA_DIR")] public string DataDir { get; init; } = "./data";

    /// <summary>A PostgreSQL connection string; set, the ledger lives there (shared by several instances).</summary>
    [ConfigurationKeyName("DATABASE_URL")] public string? DatabaseUrl { get; init; }

    /// <summary>Rows that may wait for the database; beyond it the oldest are dropped, never the request.</summary>
    [ConfigurationKeyName("LEDGER_BUFFER_SIZE")] public int BufferSize { get; init; } = 10000;

    /// <summary>
    /// How long a client key, once checked, is believed without asking the database again. A key
    /// revoked on this instance is refused at once; on another instance sharing PostgreSQL, within this.
    /// </summary>
    [ConfigurationKeyName("KEY_CACHE_SECONDS")] public int KeyCacheSeconds { get; init; } = 5;

    /// <summary>How old another instance's spending may be when a budget is checked (this instance's own is always exact).</summary>
    [ConfigurationKeyName("BUDGET_REFRESH_SECONDS")] public int BudgetRefreshSeconds { get; init; } = 2;

    /// <summary>True: <c>GET /metrics</c> is served without a key (for a scraper on a private network).</summary>
    [ConfigurationKeyName("METRICS_PUBLIC")] public bool MetricsPublic { get; init; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(DatabaseUrl);

    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDir), "ledger.db");
}
