namespace Wrapper.Server.Dialects.OpenAiResponses.Storage;

/// <summary>The stored responses' statements: the same SQL for SQLite and PostgreSQL (table in <c>Ledger/Storage/LedgerSchema</c>).</summary>
internal static class ResponseStoreSql
{
    public const string Insert = """
        INSERT INTO stored_responses (id, client, created_ms, expires_ms, response_json, input_json)
        VALUES (@id, @client, @created_ms, @expires_ms, @response_json, @input_json)
        """;

    public const string Select = "SELECT id, response_json, input_json FROM stored_responses WHERE id = @id AND client = @client AND expires_ms > @now";

    public const string Delete = "DELETE FROM stored_responses WHERE id = @id AND client = @client AND expires_ms > @now";

    public const string DeleteExpired = "DELETE FROM stored_responses WHERE expires_ms <= @now";

    // Keeps the client's newest @keep responses.
    public const string DeleteOldest = """
        DELETE FROM stored_responses WHERE client = @client AND id NOT IN
            (SELECT id FROM stored_responses WHERE client = @client ORDER BY created_ms DESC, id DESC LIMIT @keep)
        """;
}
