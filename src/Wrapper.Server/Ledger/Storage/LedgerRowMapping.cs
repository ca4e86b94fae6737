using System.Data.Common;

namespace Wrapper.Server.Ledger.Storage;

/// <summary>A <see cref="LedgerRow"/> to and from the columns of <see cref="LedgerSchema"/>.</summary>
internal static class LedgerRowMapping
{
    public static void Bind(DbCommand command, LedgerRow row)
    {
        AdoLedgerStore.Add(command, "id", row.Id.ToString("N"));
        AdoLedgerStore.Add(command, "time_ms", row.Time.ToUnixTimeMilliseconds());
        AdoLedgerStore.Add(command, "key_id", row.KeyId);
        AdoLedgerStore.Add(command, "client_ip", row.ClientIp);
        AdoLedgerStore.Add(command, "dialect", row.Dialect);
        AdoLedgerStore.Add(command, "route", row.Route);
        AdoLedgerStore.Add(command, "requested_model", row.RequestedModel);
        AdoLedgerStore.Add(command, "provider", row.Provider);
        AdoLedgerStore.Add(command, "cli_model", row.CliModel);
        AdoLedgerStore.Add(command, "status", row.Status);
        AdoLedgerStore.Add(command, "error_code", row.ErrorCode);
        AdoLedgerStore.Add(command, "prompt_tokens", row.PromptTokens);
        AdoLedgerStore.Add(command, "completion_tokens", row.CompletionTokens);
        AdoLedgerStore.Add(command, "cache_read_tokens", row.CacheReadTokens);
        AdoLedgerStore.Add(command, "cache_write_tokens", row.CacheWriteTokens);
        AdoLedgerStore.Add(command, "reasoning_tokens", row.ReasoningTokens);
        AdoLedgerStore.Add(command, "total_tokens", row.TotalTokens);
        AdoLedgerStore.Add(command, "duration_ms", row.DurationMs);
        AdoLedgerStore.Add(command, "ttft_ms", row.TimeToFirstTokenMs);
        AdoLedgerStore.Add(command, "cli_start", row.CliStart);
        AdoLedgerStore.Add(command, "tool_calls", row.ToolCalls);
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
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal));
}
