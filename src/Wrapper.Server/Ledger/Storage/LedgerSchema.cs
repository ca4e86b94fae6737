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
            prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, duration_ms, ttft_ms, cli_start, tool_calls)
        VALUES (@id, @time_ms, @key_id, @client_ip, @dialect, @route, @requested_model, @provider, @cli_model, @status, @error_code,
            @prompt_tokens, @completion_tokens, @cache_read_tokens, @cache_write_tokens, @reasoning_tokens, @total_tokens, @duration_ms, @ttft_ms, @cli_start, @tool_calls)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string Select = """
        SELECT id, time_ms, key_id, client_ip, dialect, route, requested_model, provider, cli_model, status, error_code,
            prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, duration_ms, ttft_ms, cli_start, tool_calls
        FROM ledger WHERE time_ms >= @from AND time_ms < @to ORDER BY time_ms, id
        """;
}
