using System.Text.Json.Serialization;

namespace Wrapper.Server.Ledger.Contracts;

/// <summary>
/// One group of <c>GET /v1/usage</c>: the group's value (under the name it was grouped by), its
/// requests, tokens by kind (cached = read from the prompt cache), errors, tool calls, the 50th and
/// 95th percentile of duration and time to first token, and the share of CLI-served requests that
/// found their process ready (warm: pre-started, reused or continued) or reused or continued (a process that served this conversation or key before).
/// </summary>
internal sealed record UsageBucket
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Key { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Model { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Provider { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Day { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Hour { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Minute { get; init; }
    public long Requests { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long CachedTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public long TotalTokens { get; init; }
    public long Errors { get; init; }
    public long ToolCalls { get; init; }
    public double? P50DurationMs { get; init; }
    public double? P95DurationMs { get; init; }
    public double? P50TimeToFirstTokenMs { get; init; }
    public double? P95TimeToFirstTokenMs { get; init; }
    public double? WarmShare { get; init; }
    public double? ReusedShare { get; init; }
}
