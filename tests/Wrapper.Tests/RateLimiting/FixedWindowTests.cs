using System.Threading.RateLimiting;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Tests.RateLimiting;

/// <summary>A refusal says how long is left of the window, not always a whole minute.</summary>
public sealed class FixedWindowTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;

    [Test]
    public void The_limit_is_granted_then_refused_with_the_time_left_in_the_window()
    {
        var clock = new ManualClock();
        using var window = new FixedWindow(2, Minute, clock);

        var granted = new[] { window.AttemptAcquire(), window.AttemptAcquire() }.Select(l => l.IsAcquired).ToArray();
        clock.Advance(TimeSpan.FromSeconds(42));
        using var refused = window.AttemptAcquire();

        Assert.That(granted, Is.All.True);
        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(RetryAfter(refused), Is.EqualTo(TimeSpan.FromSeconds(18)));
        Assert.That(RateLimitRejection.RetryAfterSeconds(refused), Is.EqualTo(18));
    }

    [Test]
    public void A_new_window_begins_once_the_old_one_is_over()
    {
        var clock = new ManualClock();
        using var window = new FixedWindow(1, Minute, clock);
        window.AttemptAcquire().Dispose();

        clock.Advance(Minute);
        using var next = window.AttemptAcquire();
        using var refused = window.AttemptAcquire();

        Assert.That(next.IsAcquired, Is.True);
        Assert.That(RetryAfter(refused), Is.EqualTo(Minute), "the new window began at the request that opened it");
    }

    [Test]
    public void A_zero_permit_probe_uses_nothing()
    {
        using var window = new FixedWindow(1, Minute, new ManualClock());

        var probes = Enumerable.Range(0, 5).Select(_ => window.AttemptAcquire(0).IsAcquired).ToArray();
        using var real = window.AttemptAcquire();
        using var probeAfter = window.AttemptAcquire(0);

        Assert.That(probes, Is.All.True);
        Assert.That(real.IsAcquired, Is.True);
        Assert.That(probeAfter.IsAcquired, Is.False);
    }

    [Test]
    public void A_window_with_counted_permits_is_never_idle_so_its_count_is_not_forgotten()
    {
        var clock = new ManualClock();
        using var window = new FixedWindow(5, Minute, clock);
        window.AttemptAcquire().Dispose();

        clock.Advance(TimeSpan.FromSeconds(50));
        var during = window.IdleDuration;
        clock.Advance(TimeSpan.FromSeconds(25));

        Assert.That(during, Is.Null);
        Assert.That(window.IdleDuration, Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void A_refusal_right_at_the_end_of_the_window_still_asks_for_at_least_a_second()
    {
        var clock = new ManualClock();
        using var window = new FixedWindow(1, Minute, clock);
        window.AttemptAcquire().Dispose();

        clock.Advance(Minute - TimeSpan.FromMilliseconds(10));
        using var refused = window.AttemptAcquire();

        Assert.That(RateLimitRejection.RetryAfterSeconds(refused), Is.EqualTo(1));
    }
}
