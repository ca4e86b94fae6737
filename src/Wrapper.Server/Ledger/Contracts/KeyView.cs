namespace Wrapper.Server.Ledger.Contracts;

/// <summary>
/// A client key as the admin sees it (never the key itself): its limits, what it spent today (UTC)
/// everywhere, and what is left; null limits are unlimited. <c>Key</c> is set only in the answer
/// that made it, the one time it is shown.
/// </summary>
internal sealed record KeyView
{
    public required string Name { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }
    public required long CreatedAt { get; init; }
    public long? TokensPerDay { get; init; }
    public int? RequestsPerMinute { get; init; }
    public required IReadOnlyList<string> Models { get; init; }
    public long TokensToday { get; init; }
    public long? TokensLeft { get; init; }
    public long RequestsLastMinute { get; init; }
    public required long ResetsAt { get; init; }
}
