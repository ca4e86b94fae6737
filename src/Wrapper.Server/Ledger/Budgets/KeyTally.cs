namespace Wrapper.Server.Ledger.Budgets;

/// <summary>
/// One key's spending on this instance since it started, exact and at once (rows not yet written
/// too): tokens of the UTC day, admissions of the last minute, and the holds of requests in flight.
/// Every member is used under <see cref="Lock"/>.
/// </summary>
internal sealed class KeyTally
{
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public Lock Lock { get; } = new();
    public DateTimeOffset Day { get; private set; }
    public long Tokens { get; private set; }
    public long CountedRequests { get; private set; }
    public long Held { get; private set; }
    public Queue<DateTimeOffset> RecentAdmissions { get; } = new();

    /// <summary>Forgets a finished UTC day and admissions older than a minute.</summary>
    public void Roll(DateTimeOffset now)
    {
        var day = BudgetClock.DayStart(now);
        if (day != Day)
        {
            Day = day;
            Tokens = 0;
            CountedRequests = 0;
        }
        while (RecentAdmissions.TryPeek(out var oldest) && oldest <= now - Minute) RecentAdmissions.Dequeue();
    }

    public void Hold(long tokens, DateTimeOffset now)
    {
        Held += tokens;
        RecentAdmissions.Enqueue(now);
    }

    public void Release(long tokens) => Held -= tokens;

    /// <summary>Counts a finished request's tokens in the day it began.</summary>
    public void Spent(DateTimeOffset began, int? tokens, DateTimeOffset now)
    {
        Roll(now);
        if (tokens is null || BudgetClock.DayStart(began) != Day) return;
        Tokens += tokens.Value;
        CountedRequests++;
    }
}
