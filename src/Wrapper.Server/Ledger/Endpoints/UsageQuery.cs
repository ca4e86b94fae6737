using System.Globalization;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Usage;

namespace Wrapper.Server.Ledger.Endpoints;

/// <summary>
/// <c>from</c>, <c>to</c> (Unix seconds or ISO 8601; by default the current UTC day up to now) and
/// <c>group_by</c> (key, model, provider, day, hour, minute or total; key by default) of <c>GET /v1/usage</c>.
/// </summary>
internal sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, string GroupBy)
{
    public static UsageQuery Parse(IQueryCollection query, DateTimeOffset now)
    {
        var to = Time(query["to"], "to") ?? now;
        var from = Time(query["from"], "from") ?? BudgetClock.DayStart(now);
        if (from >= to) throw new GatewayException(GatewayError.InvalidRequest("'from' must be before 'to'.", "from"));
        var groupBy = query["group_by"].ToString() is { Length: > 0 } value ? value.ToLowerInvariant() : "key";
        if (!UsageReport.Groupings.Contains(groupBy))
            throw new GatewayException(GatewayError.InvalidRequest($"'group_by' must be one of {string.Join(", ", UsageReport.Groupings)}.", "group_by"));
        return new UsageQuery(from, to, groupBy);
    }

    private static DateTimeOffset? Time(string? text, string param)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 100_000_000_000)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        throw new GatewayException(GatewayError.InvalidRequest($"'{param}' must be Unix seconds or an ISO 8601 time such as 2026-01-31 or 2026-01-31T12:00:00Z.", param));
    }
}
