namespace Wrapper.Server.Ledger;

/// <summary>Where the usage ledger lives (issue 20.2). Keys are environment variable names.</summary>
internal sealed record LedgerOptions
{
    /// <summary>Folder of the embedded SQLite ledger, created on first start.</summary>
    [ConfigurationKeyName("DATA_DIR")] public string DataDir { get; init; } = "./data";

    /// <summary>A PostgreSQL connection string; set, the ledger lives there (shared by several instances).</summary>
    [ConfigurationKeyName("DATABASE_URL")] public string? DatabaseUrl { get; init; }

    /// <summary>Rows that may wait for the database; beyond it the oldest are dropped, never the request.</summary>
    [ConfigurationKeyName("LEDGER_BUFFER_SIZE")] public int BufferSize { get; init; } = 10000;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(DatabaseUrl);

    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDir), "ledger.db");
}
