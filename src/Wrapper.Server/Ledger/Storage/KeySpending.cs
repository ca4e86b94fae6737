namespace Wrapper.Server.Ledger.Storage;

/// <summary>
/// What a key spent in rows other gateway instances (or earlier runs of this one) wrote: tokens since
/// the UTC day began, the requests those tokens came from, and budgeted requests in the last minute.
/// </summary>
internal sealed record KeySpending(long Tokens, long CountedRequests, long RecentRequests, DateTimeOffset? OldestRecent)
{
    public static readonly KeySpending None = new(0, 0, 0, null);
}
