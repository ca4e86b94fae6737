using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Security;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// Admission to run a CLI: at most MAX_CONCURRENT_REQUESTS CLIs at once; requests beyond
/// the free slots wait in one bounded queue (MAX_QUEUED_REQUESTS) for at most QUEUE_TIMEOUT seconds,
/// first come first served, except that a freed slot goes first to the oldest waiter whose client
/// holds fewer than its share (MAX_CONCURRENT_PER_IP): the share only matters while other clients
/// wait or run, so a client alone can use every slot. Among those, clients holding the fewest slots
/// go first, a waiter whose affinity (its warm-pool key) has a ready process goes before older ones
/// whose key has none, and a waiter whose key's processes are all busy waits for one of them, so a
/// burst of several clients reuses each client's own processes instead of starting a cold CLI per
/// slot handed across; the oldest waiter is passed over at most <see cref="SkipLimit"/> times, so no
/// client starves.
/// A full queue or a passed wait limit is a 503 with Retry-After. Warm processes may wait in free
/// slots (<see cref="TryAcquireIdleSlot"/>); a request that finds none free takes such a slot: one
/// whose process it can use (handed over with it), else the oldest of a key nobody waits for, else
/// the oldest, and then the holder is told to give its process up; a request whose key's processes
/// are all busy leaves other keys' recently idle processes alone and waits for its own.
/// </summary>
internal sealed partial class CliConcurrencyGate(IOptions<ConcurrencyOptions> options, ClientAddress clients, TimeProvider time)
{
    private readonly ConcurrencyOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = [];
    private readonly LinkedList<IdleSlot> _idle = []; // oldest first
    private readonly Dictionary<string, int> _running = [];
    private readonly Dictionary<string, int> _ready = []; // ready warm processes per affinity, as the pool reports them
    private readonly Dictionary<string, int> _runningWith = []; // request slots per affinity
    private readonly Dictionary<string, DateTimeOffset> _backAt = []; // when a running affinity last got or gave back a slot
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
    /// <remarks>
    /// A request of the same <paramref name="affinity"/> that takes the slot gets the process with it:
    /// <paramref name="handedOver"/> is called instead, and the process waits on without a slot.
    /// </remarks>
    public IDisposable? TryAcquireIdleSlot(Action reclaimed, string? affinity = null, Action? handedOver = null)
    {
        lock (_lock)
        {
            if (_queue.Count > 0 || _used >= _options.ResolvedConcurrent) return null;
            _used++;
            var slot = new IdleSlot(this, reclaimed, affinity, handedOver ?? reclaimed, time.GetUtcNow());
            slot.Node = _idle.AddLast(slot);
            return slot;
        }
    }

    /// <summary>
    /// The pool's count of ready processes of <paramref name="affinity"/> (called under the pool's
    /// lock; the gate never calls the pool under its own).
    /// </summary>
    public void SetReady(string affinity, int count)
    {
        lock (_lock)
        {
            if (count > 0) _ready[affinity] = count;
            else _ready.Remove(affinity);
        }
    }

    /// <summary>
    /// Hands free slots to the waiters that can be served now: called when a process became ready
    /// without a slot (outside the pool's lock), since its key's waiters may now start on a free one.
    /// </summary>
    public void Dispatch()
    {
        Action? reclaim = null;
        lock (_lock) DispatchLocked(ref reclaim);
        reclaim?.Invoke();
    }

    /// <summary>Requests of <paramref name="affinity"/> waiting for a slot now.</summary>
    public int QueuedWith(string affinity)
    {
        lock (_lock) return _queue.Count(w => w.Affinity == affinity);
    }

    public Task<IDisposable> AcquireAsync(HttpContext context, string? affinity, CancellationToken cancellationToken) =>
        AcquireAsync(clients.PartitionKey(context), cancellationToken, affinity);

    /// <summary>
    /// A CLI slot for <paramref name="client"/>, held until the returned lease is disposed;
    /// <paramref name="affinity"/> (the request's warm-pool key) lets it go first to a slot where a
    /// process of its own is ready.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(string client, CancellationToken cancellationToken, string? affinity = null)
    {
        Waiter? waiter = null;
        IDisposable? granted;
        Action? reclaim = null;
        lock (_lock)
        {
            granted = _queue.Count == 0 && MayGrowLocked(client) ? TryGrantLocked(client, affinity, impatient: false, ref reclaim) : null;
            if (granted is null)
            {
                if (_queue.Count >= _options.ResolvedQueued)
                    throw new GatewayException(Busy("gateway_full",
                        $"The gateway is full: {_options.ResolvedConcurrent} CLIs running (MAX_CONCURRENT_REQUESTS) and {_options.ResolvedQueued} requests queued (MAX_QUEUED_REQUESTS); retry later."));
                waiter = new Waiter(client, affinity);
                waiter.Node = _queue.AddLast(waiter);
                DispatchLocked(ref reclaim); // a slot left free while every waiter's key was busy may go to this newcomer
            }
        }
        // Outside the lock, always: a slot's holder takes the pool's lock, under which the pool tells
        // this gate of its ready processes (SetReady).
        reclaim?.Invoke();
        return granted ?? await WaitInQueueAsync(waiter!, cancellationToken);
    }

    /// <summary>The queued <paramref name="waiter"/>'s slot, or a 503 when the wait limit passes.</summary>
    private async Task<IDisposable> WaitInQueueAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        try
        {
            return await WaitForTurnAsync(waiter, await WaitForOwnProcessAsync(waiter, cancellationToken), cancellationToken);
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
    /// A waiter whose key's processes are all busy waits for one of them while they keep coming back:
    /// once its key neither got nor gave back a slot for <see cref="BusyKeyPatience"/> (or QUEUE_TIMEOUT,
    /// if shorter), counted from when it queued or from its key's last move (and at the latest once it
    /// waited QUEUE_TIMEOUT), it may start a CLI of its own on a free slot (one left free meanwhile is
    /// handed out now), so a long turn of its key never keeps it from a free slot, while a key whose
    /// processes turn over quickly is served by them, not by cold starts that would slow every request
    /// on the machine. Returns when it was queued.
    /// </summary>
    private async Task<DateTimeOffset> WaitForOwnProcessAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        var queuedAt = time.GetUtcNow();
        if (waiter.Affinity is not { } affinity) return queuedAt;
        var queueTimeout = TimeSpan.FromSeconds(_options.QueueTimeoutSeconds);
        var patience = BusyKeyPatience < queueTimeout ? BusyKeyPatience : queueTimeout;
        var since = queuedAt;
        while (true)
        {
            try
            {
                await waiter.Granted.Task.WaitAsync(since + patience - time.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero, time, cancellationToken);
                return queuedAt;
            }
            catch (TimeoutException)
            {
                Action? reclaim = null;
                lock (_lock)
                {
                    if (_backAt.TryGetValue(affinity, out var back) && back > since && back - queuedAt < queueTimeout)
                    {
                        since = back; // its key's processes still turn over
                        continue;
                    }
                    waiter.Impatient = true;
                    if (waiter.Node?.List is not null) DispatchLocked(ref reclaim);
                }
                reclaim?.Invoke();
                return queuedAt;
            }
        }
    }

    // About a Claude Code start-up on a loaded 2-core machine: beyond it a free slot serves sooner.
    private static readonly TimeSpan BusyKeyPatience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The wait limit follows the service time: a queued request is refused when no slot went to
    /// any waiter for QUEUE_TIMEOUT (the CLIs are stuck, not busy), so a long queue that moves is
    /// served in turn; never beyond <see cref="MaxWait"/> in all.
    /// </summary>
    private async Task<IDisposable> WaitForTurnAsync(Waiter waiter, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// A free slot, or an idle one (its holder is told through <paramref name="reclaim"/>): the one
    /// whose process this request can use, else one whose process it may displace
    /// (<see cref="MayDisplaceLocked"/>): the oldest of an affinity no waiter has, else the oldest;
    /// null when none. A ready process of the affinity counts as promised to this request.
    /// </summary>
    private RequestSlot? TryGrantLocked(string client, string? affinity, bool impatient, ref Action? reclaim)
    {
        if (_used < _options.ResolvedConcurrent) _used++;
        else if (IdleSlotFor(affinity, MayDisplaceLocked(affinity, impatient)) is { } idle)
        {
            _idle.Remove(idle.Node!);
            idle.Reclaimed = true;
            reclaim += affinity is not null && idle.Affinity == affinity ? idle.HandOver : idle.Reclaim;
        }
        else return null;
        _running[client] = _running.GetValueOrDefault(client) + 1;
        if (affinity is not null)
        {
            _runningWith[affinity] = _runningWith.GetValueOrDefault(affinity) + 1;
            _backAt[affinity] = time.GetUtcNow(); // its key moves: a waiter of it stays patient (WaitForOwnProcessAsync)
            if (_ready.TryGetValue(affinity, out var ready))
            {
                if (ready > 1) _ready[affinity] = ready - 1;
                else _ready.Remove(affinity);
            }
        }
        return new RequestSlot(this, client, affinity);
    }

    private IdleSlot? IdleSlotFor(string? affinity, Func<IdleSlot, bool> mayDisplace) =>
        (affinity is null ? null : _idle.FirstOrDefault(s => s.Affinity == affinity))
        ?? _idle.Where(mayDisplace).FirstOrDefault(s => s.Affinity is null || !_queue.Any(w => w.Affinity == s.Affinity))
        ?? _idle.Where(mayDisplace).FirstOrDefault();

    /// <summary>
    /// Which idle slots a request may take from the process waiting there (another key's ready process,
    /// or a conversation's held turn): any, when its key has no process running (it needs a start of its
    /// own) or its wait for its busy ones ran out; else only those idle for <see cref="DisplaceAfter"/>.
    /// A request whose key has a process busy waits for a slot of its own to come back (even with a
    /// second process of its key ready without a slot) rather than end a process another client is
    /// about to use (whose next request would start cold in turn), while processes nobody came back
    /// for do not keep a busy client from the slots.
    /// </summary>
    private Func<IdleSlot, bool> MayDisplaceLocked(string? affinity, bool impatient)
    {
        if (impatient || affinity is null || !_runningWith.ContainsKey(affinity)) return _ => true;
        var now = time.GetUtcNow();
        return slot => now - slot.Since >= DisplaceAfter;
    }

    // Longer than a burst's pauses (a client's next request follows its answer within a second or
    // two), short beside WARM_POOL_IDLE_TIMEOUT.
    private static readonly TimeSpan DisplaceAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the oldest eligible waiter may be passed over for a younger one whose key has a
    /// ready process: once per slot, so a client whose key has no process yet waits at most about
    /// one round of the running requests before its own (cold) start.
    /// </summary>
    private int SkipLimit => _options.ResolvedConcurrent;

    /// <summary>Hands freed slots to waiters (<see cref="NextLocked"/>).</summary>
    private void DispatchLocked(ref Action? reclaim)
    {
        while (_queue.First is not null)
        {
            if (NextLocked() is not { } choice) return; // every waiter's key has its process busy: it comes back to them
            if (TryGrantLocked(choice.Next.Client, choice.Next.Affinity, choice.Next.Impatient, ref reclaim) is not { } lease) return;
            foreach (var passedOver in choice.Servable.TakeWhile(w => w != choice.Next)) passedOver.Skipped++;
            _queue.Remove(choice.Next.Node!);
            _lastHandedOut = time.GetUtcNow();
            choice.Next.Granted.SetResult(lease);
        }
    }

    /// <summary>
    /// The waiter a freed slot goes to, among those it can serve now (with none free, those that may
    /// take an idle one: <see cref="MayDisplaceLocked"/>): a waiter whose key has a ready
    /// process, or whose key has none at all (running or ready), which starts one. A waiter whose
    /// key's processes are all busy waits for one of them rather than start another CLI (a start-up
    /// costs a core for a second or more; its own process comes back sooner), except once its key's
    /// processes stopped coming back (<see cref="WaitForOwnProcessAsync"/>). Of the servable waiters
    /// whose client is under its share (all servable ones when none is): the oldest once it was passed
    /// over <see cref="SkipLimit"/> times; else, among the waiters whose clients hold the fewest slots
    /// (so a client that got no slot in a burst's first instant is not left behind the others'
    /// queues), the oldest with a ready process, else the oldest.
    /// </summary>
    private (Waiter Next, List<Waiter> Servable)? NextLocked()
    {
        var full = _used >= _options.ResolvedConcurrent;
        var servable = _queue.Where(w => (w.Impatient || w.Affinity is not { } a || _ready.ContainsKey(a) || !_runningWith.ContainsKey(a))
            && (!full || IdleSlotFor(w.Affinity, MayDisplaceLocked(w.Affinity, w.Impatient)) is not null)).ToList();
        if (servable.Count == 0) return null;
        var underShare = servable.Where(w => _running.GetValueOrDefault(w.Client) < _options.ResolvedPerIp).ToList();
        var candidates = underShare.Count > 0 ? underShare : servable;
        var oldest = candidates[0];
        if (oldest.Skipped >= SkipLimit) return (oldest, candidates);
        var fewest = candidates.Min(w => _running.GetValueOrDefault(w.Client));
        var least = candidates.Where(w => _running.GetValueOrDefault(w.Client) == fewest).ToList();
        return (least.FirstOrDefault(w => w.Affinity is { } a && _ready.ContainsKey(a)) ?? least[0], candidates);
    }

    /// <summary>
    /// Whether a request that finds the queue empty takes a free slot at once: a client alone grows
    /// to every slot; while other clients hold slots, only up to its share (MAX_CONCURRENT_PER_IP),
    /// beyond which it queues like any request (and waits for its own busy processes rather than
    /// start more CLIs than its share while others may come).
    /// </summary>
    private bool MayGrowLocked(string client) =>
        _running.GetValueOrDefault(client) < _options.ResolvedPerIp || _running.Keys.All(c => c == client);

    private void Release(string client, string? affinity)
    {
        Action? reclaim = null;
        lock (_lock)
        {
            _used--;
            if (--_running[client] == 0) _running.Remove(client);
            if (affinity is not null)
            {
                if (--_runningWith[affinity] == 0)
                {
                    _runningWith.Remove(affinity);
                    _backAt.Remove(affinity);
                }
                else _backAt[affinity] = time.GetUtcNow();
            }
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
