namespace Wrapper.Server.Ledger.Budgets;

/// <summary>Budgets run on UTC days: they reset at midnight UTC, wherever the gateway runs.</summary>
internal static class BudgetClock
{
    public static DateTimeOffset DayStart(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset NextReset(DateTimeOffset now) => DayStart(now).AddDays(1);
}
