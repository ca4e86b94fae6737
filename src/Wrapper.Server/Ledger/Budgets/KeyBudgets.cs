using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger.Storage;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger.Budgets;

/// <summary>
/// A client key's limits, checked when its request names a model: the key's models (403), its
/// requests a minute (429 with Retry-After) and its tokens a UTC day (429 budget_exceeded). What a
/// key spent is this instance's own tally (exact, unwritten rows too) plus what the database says
/// other instances and earlier runs spent (at most BUDGET_REFRESH_SECONDS old). An admitted request
/// holds the key's average request until its row is counted, so a burst of parallel requests cannot
/// all pass on the same remaining budget: a budget is overshot only by requests already admitted.
/// </summary>
internal sealed partial class KeyBudgets(ILedgerStore store, LedgerInstance instance, IOptions<LedgerOptions> options, TimeProvider time, ILogger<KeyBudgets> logger)
{
    private static readonly TimeSpan QueryLimit = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, KeyTally> _tallies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (KeySpending Spending, DateTimeOffset ReadAt)> _others = new(StringComparer.Ordinal);
    private readonly TimeSpan _refresh = TimeSpan.FromSeconds(options.Value.BudgetRefreshSeconds);

    /// <summary>
    /// Admits the request of <paramref name="context"/>'s client key for <paramref name="model"/> or
    /// throws its refusal. The hold is kept in the request's <see cref="LedgerFacts"/> and let go once
    /// its ledger row is counted (<see cref="Settle"/>). The admin key and an open gateway have no limits.
    /// </summary>
    public async Task AdmitAsync(HttpContext context, string model, CancellationToken cancellationToken)
    {
        if (CallerKey.ClientOf(context) is not { } key) return;
        if (!key.Allows(model)) throw new GatewayException(BudgetErrors.ModelNotAllowed(key.Name, model, key.Models));
        var others = key.TokensPerDay is null && key.RequestsPerMinute is null ? KeySpending.None : await OthersAsync(key.Name, cancellationToken);
        var tally = _tallies.GetOrAdd(key.Name, _ => new KeyTally());
        var now = time.GetUtcNow();
        lock (tally.Lock)
        {
            tally.Roll(now);
            if (key.RequestsPerMinute is { } perMinute && tally.RecentAdmissions.Count + others.RecentRequests >= perMinute)
                throw new GatewayException(BudgetErrors.TooManyRequests(key.Name, perMinute, SecondsUntilFree(tally, others, now)));
            var spent = others.Tokens + tally.Tokens;
            if (key.TokensPerDay is { } budget && spent + tally.Held >= budget)
                throw new GatewayException(BudgetErrors.TokensSpent(key.Name, budget, spent, now));
            var counted = others.CountedRequests + tally.CountedRequests;
            var hold = counted == 0 ? 0 : spent / counted;
            tally.Hold(hold, now);
            LedgerFacts.Of(context).Admission = new Admission(tally, hold);
        }
    }

    /// <summary>Counts a finished request's row in its key's tally, then lets its hold go (in this order: never uncounted in between).</summary>
    public void Settle(LedgerRow row, LedgerFacts facts)
    {
        if (row.KeyId is not null && _tallies.TryGetValue(row.KeyId, out var tally))
            lock (tally.Lock) tally.Spent(row.Time, row.TotalTokens, time.GetUtcNow());
        facts.Admission?.Dispose();
    }

    /// <summary>Tokens the key spent today and requests in the last minute, everywhere (for the admin's view of keys).</summary>
    public async Task<(long Tokens, long RecentRequests)> TodayAsync(string keyName, CancellationToken cancellationToken)
    {
        var others = await OthersAsync(keyName, cancellationToken);
        if (!_tallies.TryGetValue(keyName, out var tally)) return (others.Tokens, others.RecentRequests);
        lock (tally.Lock)
        {
            tally.Roll(time.GetUtcNow());
            return (others.Tokens + tally.Tokens, others.RecentRequests + tally.RecentAdmissions.Count);
        }
    }

    private static int SecondsUntilFree(KeyTally tally, KeySpending others, DateTimeOffset now)
    {
        var oldest = tally.RecentAdmissions.TryPeek(out var local) ? local : now;
        if (others.OldestRecent is { } remote && remote < oldest) oldest = remote;
        return Math.Clamp((int)Math.Ceiling((oldest + KeyTally.Minute - now).TotalSeconds), 1, 60);
    }

    private async Task<KeySpending> OthersAsync(string keyName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_others.TryGetValue(keyName, out var cached) && now - cached.ReadAt < _refresh) return cached.Spending;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(QueryLimit);
            var spending = await store.SpendingOfOthersAsync(keyName, instance.Id, BudgetClock.DayStart(now), now - KeyTally.Minute, limit.Token);
            _others[keyName] = (spending, now);
            return spending;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A database away never fails a request: this instance's own tally still holds, with what was read before.
            LogSpendingUnknown(logger, e.GetType().Name);
            return cached.Spending ?? KeySpending.None;
        }
    }

    /// <summary>A request's hold on its key's budget; let go exactly once.</summary>
    private sealed class Admission(KeyTally tally, long hold) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            lock (tally.Lock) tally.Release(hold);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budgets: other instances' spending could not be read ({Error}); counting this instance's own and what was read before")]
    private static partial void LogSpendingUnknown(ILogger logger, string error);
}
