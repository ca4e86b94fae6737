using System.Data.Common;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>A <see cref="LedgerRow"/> to and from the columns of <see cref="LedgerSchema"/>.</summary>
internal static class LedgerRowMapping
{
    public static void Bind(DbCommand command, LedgerRow row)
    {
        LedgerDatabase.Add(command, "id", row.Id.ToString("N"));
        LedgerDatabase.Add(command, "time_ms", row.Time.ToUnixTimeMilliseconds());
        LedgerDatabase.Add(command, "key_id", row.KeyId);
        LedgerDatabase.Add(command, "client_ip", row.ClientIp);
        LedgerDatabase.Add(command, "dialect", row.Dialect);
        LedgerDatabase.Add(command, "route", row.Route);
        LedgerDatabase.Add(command, "requested_model", row.RequestedModel);
        LedgerDatabase.Add(command, "provider", row.Provider);
        LedgerDatabase.Add(command, "cli_model", row.CliModel);
        LedgerDatabase.Add(command, "status", row.Status);
        LedgerDatabase.Add(command, "error_code", row.ErrorCode);
        LedgerDatabase.Add(command, "prompt_tokens", row.PromptTokens);
        LedgerDatabase.Add(command, "completion_tokens", row.CompletionTokens);
        LedgerDatabase.Add(command, "cache_read_tokens", row.CacheReadTokens);
        LedgerDatabase.Add(command, "cache_write_tokens", row.CacheWriteTokens);
        LedgerDatabase.Add(command, "reasoning_tokens", row.ReasoningTokens);
        LedgerDatabase.Add(command, "total_tokens", row.TotalTokens);
        LedgerDatabase.Add(command, "duration_ms", row.DurationMs);
        LedgerDatabase.Add(command, "ttft_ms", row.TimeToFirstTokenMs);
        LedgerDatabase.Add(command, "cli_start", row.CliStart);
        LedgerDatabase.Add(command, "tool_calls", row.ToolCalls);
        LedgerDatabase.Add(command, "instance", row.Instance);
        LedgerDatabase.Add(command, "admitted", row.Admitted ? 1 : 0);
    }

    public static LedgerRow Read(DbDataReader reader) => new()
    {
        Id = Guid.ParseExact(reader.GetString(0), "N"),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        KeyId = Text(reader, 2),
        ClientIp = reader.GetString(3),
        Dialect = reader.GetString(4),
        Route = reader.GetString(5),
        RequestedModel = Text(reader, 6),
        Provider = Text(reader, 7),
        CliModel = Text(reader, 8),
        Status = Convert.ToInt32(reader.GetValue(9)),
        ErrorCode = Text(reader, 10),
        PromptTokens = Number(reader, 11),
        CompletionTokens = Number(reader, 12),
        CacheReadTokens = Number(reader, 13),
        CacheWriteTokens = Number(reader, 14),
        ReasoningTokens = Number(reader, 15),
        TotalTokens = Number(reader, 16),
        DurationMs = reader.GetDouble(17),
        TimeToFirstTokenMs = reader.IsDBNull(18) ? null : reader.GetDouble(18),
        CliStart = Text(reader, 19),
        ToolCalls = Convert.ToInt32(reader.GetValue(20)),
        Instance = Text(reader, 21),
        Admitted = Convert.ToInt32(reader.GetValue(22)) != 0,
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal));
}
