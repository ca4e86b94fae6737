namespace Wrapper.Server.Ledger;

/// <summary>
/// One request in the ledger, served or refused . Facts only: never prompt or answer text.
/// Token counts are null where the CLI reported none.
/// </summary>
internal sealed record LedgerRow
{
    /// <summary>Made here, so a batch written again after an unclear failure is not counted twice.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required DateTimeOffset Time { get; init; }
    public string? KeyId { get; init; }
    public required string ClientIp { get; init; }
    public required string Dialect { get; init; }
    public required string Route { get; init; }
    public string? RequestedModel { get; init; }
    public string? Provider { get; init; }
    public string? CliModel { get; init; }
    public required int Status { get; init; }
    public string? ErrorCode { get; init; }
    public int? PromptTokens { get; init; }
    public int? CompletionTokens { get; init; }
    public int? CacheReadTokens { get; init; }
    public int? CacheWriteTokens { get; init; }
    public int? ReasoningTokens { get; init; }
    public int? TotalTokens { get; init; }
    public required double DurationMs { get; init; }
    public double? TimeToFirstTokenMs { get; init; }
    /// <summary>How the CLI was served: cold, warm (pre-started) or continued (reused).</summary>
    public string? CliStart { get; init; }
    public int ToolCalls { get; init; }
    /// <summary>The gateway instance that served it (budgets count their own rows in memory, unflushed ones too).</summary>
    public string? Instance { get; init; }
    /// <summary>True when the request passed its key's budget check: it counts against requests_per_minute.</summary>
    public bool Admitted { get; init; }
}
