using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Security;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// Admission to run a CLI: at most MAX_CONCURRENT_REQUESTS CLIs at once; requests beyond
/// the free slots wait in one bounded queue (MAX_QUEUED_REQUESTS) for at most QUEUE_TIMEOUT seconds,
/// first come first served, except that a freed slot goes first to the oldest waiter whose client
/// holds fewer than its share (MAX_CONCURRENT_PER_IP): the share only matters while others wait,
/// so a client alone can use every slot. A full queue or a passed wait limit is a 503 with
/// Retry-After. Warm processes may wait in free slots (<see cref="TryAcquireIdleSlot"/>); a request
/// that finds none free takes the oldest such slot, and the holder is told to give its process up.
/// </summary>
internal sealed partial class CliConcurrencyGate(IOptions<ConcurrencyOptions> options, ClientAddress clients, TimeProvider time)
{
    private readonly ConcurrencyOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = [];
    private readonly LinkedList<IdleSlot> _idle = []; // oldest first
    private readonly Dictionary<string, int> _running = [];
    private int _used; // request slots and idle slots
    private DateTimeOffset _lastHandedOut = DateTimeOffset.MinValue; // when a waiter last got a slot

    /// <summary>MAX_CONCURRENT_REQUESTS as resolved for this machine.</summary>
    public int Capacity => _options.ResolvedConcurrent;

    /// <summary>Requests waiting for a slot now (for tests and the debug view).</summary>
    public int Queued
    {
        get { lock (_lock) return _queue.Count; }
    }

    /// <summary>Slots requests hold now: their CLIs running (for the metrics).</summary>
    public int Running
    {
        get { lock (_lock) return _used - _idle.Count; }
    }

    /// <summary>Slots warm processes wait in now (for the metrics).</summary>
    public int Idle
    {
        get { lock (_lock) return _idle.Count; }
    }

    /// <summary>
    /// A slot for a warm process to wait in, or null when none is free or a request is waiting
    /// (never waits). When a request needs the slot, <paramref name="reclaimed"/> is called (outside
    /// the gate's lock) and the slot already belongs to the request: the holder ends its process.
    /// </summary>
    public IDisposable? TryAcquireIdleSlot(Action reclaimed)
    {
        lock (_lock)
        {
            if (_queue.Count > 0 || _used >= _options.ResolvedConcurrent) return null;
            _used++;
            var slot = new IdleSlot(this, reclaimed);
            slot.Node = _idle.AddLast(slot);
            return slot;
        }
    }

    public Task<IDisposable> AcquireAsync(HttpContext context, CancellationToken cancellationToken) =>
        AcquireAsync(clients.PartitionKey(context), cancellationToken);

    /// <summary>A CLI slot for <paramref name="client"/>, held until the returned lease is disposed.</summary>
    public async Task<IDisposable> AcquireAsync(string client, CancellationToken cancellationToken)
    {
        Waiter waiter;
        Action? reclaim = null;
        lock (_lock)
        {
            if (_queue.Count == 0 && TryGrantLocked(client, ref reclaim) is { } lease)
            {
                reclaim?.Invoke();
                return lease;
            }
            if (_queue.Count >= _options.ResolvedQueued)
                throw new GatewayException(Busy("gateway_full",
                    $"The gateway is full: {_options.ResolvedConcurrent} CLIs running (MAX_CONCURRENT_REQUESTS) and {_options.ResolvedQueued} requests queued (MAX_QUEUED_REQUESTS); retry later."));
            waiter = new Waiter(client);
            waiter.Node = _queue.AddLast(waiter);
        }
        try
        {
            return await WaitForTurnAsync(waiter, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            bool stillQueued;
            lock (_lock)
            {
                stillQueued = waiter.Node?.List is not null;
                if (stillQueued) _queue.Remove(waiter.Node!);
            }
            // Granted in the same instant: the slot goes straight to the next waiter.
            if (!stillQueued) (await waiter.Granted.Task).Dispose();
            if (cancellationToken.IsCancellationRequested) throw;
            throw new GatewayException(Busy("queue_timeout",
                $"No CLI slot came free for QUEUE_TIMEOUT ({_options.QueueTimeoutSeconds} s) while all {_options.ResolvedConcurrent} stayed busy, or the wait passed {MaxWait.TotalSeconds:0} s; retry later."));
        }
    }

    /// <summary>
    /// The wait limit follows the service time: a queued request is refused when no slot went to
    /// any waiter for QUEUE_TIMEOUT (the CLIs are stuck, not busy), so a long queue that moves is
    /// served in turn; never beyond <see cref="MaxWait"/> in all.
    /// </summary>
    private async Task<IDisposable> WaitForTurnAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        var queuedAt = time.GetUtcNow();
        var patience = TimeSpan.FromSeconds(_options.QueueTimeoutSeconds);
        while (true)
        {
            DateTimeOffset moved;
            lock (_lock) moved = _lastHandedOut;
            var deadline = new[] { queuedAt + MaxWait, (moved > queuedAt ? moved : queuedAt) + patience }.Min();
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero) throw new TimeoutException();
            try
            {
                return await waiter.Granted.Task.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException) when (time.GetUtcNow() < queuedAt + MaxWait)
            {
                // the queue may have moved meanwhile: the loop looks again
            }
        }
    }

    /// <summary>
    /// The longest any request waits in the queue: QUEUE_TIMEOUT or 5 minutes, whichever is longer,
    /// the silence after which Roo Code and Cline give a request up (no byte is sent while it waits).
    /// </summary>
    private TimeSpan MaxWait => TimeSpan.FromSeconds(Math.Max(_options.QueueTimeoutSeconds, 300));

    /// <summary>A free slot, or the oldest idle one (its holder is told through <paramref name="reclaim"/>); null when neither.</summary>
    private RequestSlot? TryGrantLocked(string client, ref Action? reclaim)
    {
        if (_used < _options.ResolvedConcurrent) _used++;
        else if (_idle.First?.Value is { } oldest)
        {
            _idle.RemoveFirst();
            oldest.Reclaimed = true;
            reclaim += oldest.Reclaim;
        }
        else return null;
        _running[client] = _running.GetValueOrDefault(client) + 1;
        return new RequestSlot(this, client);
    }

    /// <summary>Hands freed slots to waiters: the oldest whose client is under its share, else the oldest.</summary>
    private void DispatchLocked(ref Action? reclaim)
    {
        while (_queue.First is not null)
        {
            var next = _queue.FirstOrDefault(w => _running.GetValueOrDefault(w.Client) < _options.ResolvedPerIp) ?? _queue.First.Value;
            if (TryGrantLocked(next.Client, ref reclaim) is not { } lease) return;
            _queue.Remove(next.Node!);
            _lastHandedOut = time.GetUtcNow();
            next.Granted.SetResult(lease);
        }
    }

    private void Release(string? client)
    {
        Action? reclaim = null;
        lock (_lock)
        {
            _used--;
            if (client is not null && --_running[client] == 0) _running.Remove(client);
            DispatchLocked(ref reclaim);
        }
        reclaim?.Invoke();
    }

    private void ReleaseIdle(IdleSlot slot)
    {
        Action? reclaim = null;
        lock (_lock)
        {
            if (slot.Reclaimed) return; // it became a request's slot
            slot.Reclaimed = true;
            _idle.Remove(slot.Node!);
            _used--;
            DispatchLocked(ref reclaim);
        }
        reclaim?.Invoke();
    }

    private GatewayError Busy(string code, string message) =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", code, message) { RetryAfterSeconds = Math.Clamp(_options.QueueTimeoutSeconds, 1, 30) };
}
