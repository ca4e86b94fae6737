using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// Fires shortly before <c>SHUTDOWN_GRACE_PERIOD</c> ends, after which the host aborts every
/// connection still open. Streams still running then end themselves with an error event in their dialect's
/// shape, so a client sees why its answer stopped and that it may retry, instead of a
/// connection reset. The headroom (a tenth of the grace, at most a second) is time for that event.
/// </summary>
internal sealed class ShutdownCut : IDisposable
{
    private static readonly TimeSpan MaxHeadroom = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _cut;
    private readonly CancellationTokenRegistration _stopping;

    public ShutdownCut(IHostApplicationLifetime lifetime, TimeSpan gracePeriod, TimeProvider time)
    {
        _cut = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var headroom = gracePeriod / 10 < MaxHeadroom ? gracePeriod / 10 : MaxHeadroom;
        _stopping = lifetime.ApplicationStopping.Register(() => _cut.CancelAfter(gracePeriod - headroom));
    }

    /// <summary>Cancelled when running streams must end.</summary>
    public CancellationToken Token => _cut.Token;

    /// <summary>The last event of a stream cut by shutdown; the same code as the 503 a request gets once shutdown began.</summary>
    public static GatewayError Error() => GatewayError.ShuttingDown() with
    {
        Message = "The gateway is shutting down and ended this answer when SHUTDOWN_GRACE_PERIOD ran out; retry shortly.",
    };

    public void Dispose()
    {
        _stopping.Dispose();
        _cut.Dispose();
    }
}
