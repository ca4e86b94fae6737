using System.Globalization;
using Wrapper.Server.Ledger.Contracts;

namespace Wrapper.Server.Ledger.Usage;

/// <summary>
/// Ledger rows summed into groups: by key, requested model, provider, UTC day, hour or minute (the
/// dashboard's chart; times as ISO 8601, <c>2026-12-07T13:05Z</c>), or all in one (<c>total</c>: the
/// percentiles of the whole period, which no sum of groups gives).
/// </summary>
internal static class UsageReport
{
    public static readonly string[] Groupings = ["key", "model", "provider", "day", "hour", "minute", "total"];

    /// <summary>The name rows without a key are reported under (an open gateway's requests).</summary>
    public const string NoKey = "(none)";

    public static IReadOnlyList<UsageBucket> Summarise(IEnumerable<LedgerRow> rows, string groupBy) =>
        [.. rows.GroupBy(row => GroupOf(row, groupBy), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Bucket(g, groupBy))];

    private static string GroupOf(LedgerRow row, string groupBy) => groupBy switch
    {
        "model" => row.RequestedModel ?? NoKey,
        "provider" => row.Provider ?? NoKey,
        "day" => row.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "hour" => row.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH':00Z'", CultureInfo.InvariantCulture),
        "minute" => row.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm'Z'", CultureInfo.InvariantCulture),
        "total" => "total",
        _ => row.KeyId ?? NoKey,
    };

    private static UsageBucket Bucket(IGrouping<string, LedgerRow> rows, string groupBy)
    {
        var served = rows.Where(r => r.CliStart is not null).ToList();
        return new UsageBucket
        {
            Key = groupBy == "key" ? rows.Key : null,
            Model = groupBy == "model" ? rows.Key : null,
            Provider = groupBy == "provider" ? rows.Key : null,
            Day = groupBy == "day" ? rows.Key : null,
            Hour = groupBy == "hour" ? rows.Key : null,
            Minute = groupBy == "minute" ? rows.Key : null,
            Requests = rows.Count(),
            PromptTokens = rows.Sum(r => (long)(r.PromptTokens ?? 0)),
            CompletionTokens = rows.Sum(r => (long)(r.CompletionTokens ?? 0)),
            CachedTokens = rows.Sum(r => (long)(r.CacheReadTokens ?? 0)),
            CacheWriteTokens = rows.Sum(r => (long)(r.CacheWriteTokens ?? 0)),
            ReasoningTokens = rows.Sum(r => (long)(r.ReasoningTokens ?? 0)),
            TotalTokens = rows.Sum(r => (long)(r.TotalTokens ?? 0)),
            Errors = rows.Count(r => r.Status >= 400),
            ToolCalls = rows.Sum(r => (long)r.ToolCalls),
            P50DurationMs = Percentile(rows.Select(r => r.DurationMs), 0.50),
            P95DurationMs = Percentile(rows.Select(r => r.DurationMs), 0.95),
            P50TimeToFirstTokenMs = Percentile(rows.Where(r => r.TimeToFirstTokenMs is not null).Select(r => r.TimeToFirstTokenMs!.Value), 0.50),
            P95TimeToFirstTokenMs = Percentile(rows.Where(r => r.TimeToFirstTokenMs is not null).Select(r => r.TimeToFirstTokenMs!.Value), 0.95),
            WarmShare = Share(served, r => r.CliStart != "cold"),
            ReusedShare = Share(served, r => r.CliStart is "reused" or "continued"),
        };
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    public static double? Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }

    private static double? Share(List<LedgerRow> rows, Func<LedgerRow, bool> counted) =>
        rows.Count == 0 ? null : Math.Round((double)rows.Count(counted) / rows.Count, 3);
}
