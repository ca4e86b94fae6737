using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Tests.Ledger;

/// <summary>A real store in front of which the database can be "away" (every call fails) or "slow" (every call hangs).</summary>
internal sealed class SwitchableStore(ILedgerStore inner) : ILedgerStore
{
    public volatile bool Away;
    public volatile bool Hangs;
    public int FailedCalls;

    public Task MigrateAsync(CancellationToken cancellationToken) => GuardAsync(() => inner.MigrateAsync(cancellationToken), cancellationToken);

    public Task WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken) => GuardAsync(() => inner.WriteAsync(rows, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<LedgerRow>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => inner.ReadAsync(from, to, cancellationToken);

    public Task<KeySpending> SpendingOfOthersAsync(string keyId, string instance, DateTimeOffset dayStart, DateTimeOffset minuteStart, CancellationToken cancellationToken) =>
        inner.SpendingOfOthersAsync(keyId, instance, dayStart, minuteStart, cancellationToken);

    private async Task GuardAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        while (Hangs) await Task.Delay(20, cancellationToken);
        if (Away)
        {
            Interlocked.Increment(ref FailedCalls);
            throw new IOException("database unreachable");
        }
        await call();
    }
}
