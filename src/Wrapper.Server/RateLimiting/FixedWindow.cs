using System.Threading.RateLimiting;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// One client's fixed window for one endpoint group: <c>limit</c> permits from its first request
/// on, for <c>window</c>. Unlike System.Threading.RateLimiting's FixedWindowRateLimiter, whose
/// refusals always say "the whole window", a refusal here carries the time left in the window
/// (<c>Retry-After</c> was always 60), and time comes from a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class FixedWindow(int limit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _start = time.GetUtcNow();
    private int _used;

    /// <summary>
    /// Null while the window holds counted permits (the partitioned limiter must not drop them);
    /// otherwise how long nothing has been counted, so that idle clients are forgotten.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (now < _start + window) return _used == 0 ? now - _start : null;
                return now - (_start + window);
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock) return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, limit - UsedNow()) };
    }

    /// <summary>Zero permits asks whether one is left without using it.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var used = UsedNow();
            var fits = permitCount == 0 ? used < limit : used + permitCount <= limit;
            if (!fits) return WindowLease.Refused(_start + window - time.GetUtcNow());
            _used = used + permitCount;
            return WindowLease.Granted;
        }
    }

    // No queue: a client over its limit is told when to come back instead of being held.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>The permits counted in the current window, starting a new window when the last one is over.</summary>
    private int UsedNow()
    {
        var now = time.GetUtcNow();
        if (now >= _start + window)
        {
            _start = now;
            _used = 0;
        }
        return _used;
    }
}
