namespace Wrapper.Server.Ledger.Storage;

/// <summary>
/// The ledger's schema as numbered steps, the same SQL for SQLite and PostgreSQL (both read these
/// type names; times are Unix milliseconds so both engines sort and compare them alike). A step
/// runs once: its number is recorded in <c>schema_version</c> in the same transaction.
/// </summary>
internal static class LedgerSchema
{
    public const string VersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)";

    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS ledger (
            id TEXT PRIMARY KEY,
            time_ms BIGINT NOT NULL,
            key_id TEXT NULL,
            client_ip TEXT NOT NULL,
            dialect TEXT NOT NULL,
            route TEXT NOT NULL,
            requested_model TEXT NULL,
            provider TEXT NULL,
            cli_model TEXT NULL,
            status INTEGER NOT NULL,
            error_code TEXT NULL,
            prompt_tokens INTEGER NULL,
            completion_tokens INTEGER NULL,
            cache_read_tokens INTEGER NULL,
            cache_write_tokens INTEGER NULL,
            reasoning_tokens INTEGER NULL,
            total_tokens INTEGER NULL,
            duration_ms DOUBLE PRECISION NOT NULL,
            ttft_ms DOUBLE PRECISION NULL,
            cli_start TEXT NULL,
            tool_calls INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ledger_time ON ledger (time_ms);
        CREATE INDEX IF NOT EXISTS ledger_key_time ON ledger (key_id, time_ms)
        """,
        // Budgets across instances: which instance wrote a row (its own rows it counts in memory,
        // unflushed ones too), and whether the request passed a key's budget check. Client keys, hashed.
        """
        ALTER TABLE ledger ADD COLUMN instance TEXT NULL;
        ALTER TABLE ledger ADD COLUMN admitted INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE IF NOT EXISTS client_keys (
            name TEXT PRIMARY KEY,
            key_hash TEXT NOT NULL UNIQUE,
            tokens_per_day BIGINT NULL,
            requests_per_minute INTEGER NULL,
            models TEXT NULL,
            created_ms BIGINT NOT NULL
        )
        """,
        // Stored Responses API responses (Dialects/OpenAiResponses/Storage): each with its whole
        // conversation's input items, kept per client until expires_ms.
        """
        CREATE TABLE IF NOT EXISTS stored_responses (
            id TEXT PRIMARY KEY,
            client TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            expires_ms BIGINT NOT NULL,
            response_json TEXT NOT NULL,
            input_json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS stored_responses_client ON stored_responses (client, created_ms);
        CREATE INDEX IF NOT EXISTS stored_responses_expiry ON stored_responses (expires_ms)
        """,
    ];

    public const string Insert = """
        INSERT INTO ledger (id, time_ms, key_id, client_ip, dialect, route, requested_model, provider, cli_model, status, error_code,
            prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, duration_ms, ttft_ms, cli_start, tool_calls, instance, admitted)
        VALUES (@id, @time_ms, @key_id, @client_ip, @dialect, @route, @requested_model, @provider, @cli_model, @status, @error_code,
            @prompt_tokens, @completion_tokens, @cache_read_tokens, @cache_write_tokens, @reasoning_tokens, @total_tokens, @duration_ms, @ttft_ms, @cli_start, @tool_calls, @instance, @admitted)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string Select = """
        SELECT id, time_ms, key_id, client_ip, dialect, route, requested_model, provider, cli_model, status, error_code,
            prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, duration_ms, ttft_ms, cli_start, tool_calls, instance, admitted
        FROM ledger WHERE time_ms >= @from AND time_ms < @to ORDER BY time_ms, id
        """;

    /// <summary>A key's tokens today and budgeted requests in the last minute, in rows other instances wrote.</summary>
    public const string SpendingOfOthers = """
        SELECT SUM(CASE WHEN time_ms >= @day THEN total_tokens END),
               COUNT(CASE WHEN time_ms >= @day THEN total_tokens END),
               COUNT(CASE WHEN time_ms >= @minute AND admitted = 1 THEN 1 END),
               MIN(CASE WHEN time_ms >= @minute AND admitted = 1 THEN time_ms END)
        FROM ledger
        WHERE key_id = @key AND (instance IS NULL OR instance <> @instance) AND (time_ms >= @day OR time_ms >= @minute)
        """;
}
