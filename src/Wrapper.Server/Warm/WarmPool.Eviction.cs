namespace Wrapper.Server.Warm;

/// <summary>Evictions, the end of processes that may not serve again, and shutdown.</summary>
internal sealed partial class WarmPool
{
    /// <summary>Called by a waiting process that printed or exited: it leaves the pool and is ended.</summary>
    private void Broken(WarmProcess process)
    {
        bool removed;
        lock (_lock) removed = _waiting.Remove(process);
        if (!removed) return;
        LogBroken(_logger, process.Key.ToString(), process.Process.ProcessId);
        Track(Task.Run(() => EndAsync(process)));
    }

    /// <summary>A request took the slot of <paramref name="process"/> (see <see cref="SlotClaim"/>): it leaves the pool and is ended.</summary>
    internal void Evict(WarmProcess process)
    {
        bool removed;
        lock (_lock) removed = _waiting.Remove(process);
        if (!removed) return;
        LogEvicted(_logger, process.Key.ToString(), process.Process.ProcessId);
        Track(Task.Run(() => EndAsync(process)));
    }

    /// <summary>
    /// A cold start takes a slot: slotless processes of other keys are ended while there are as many
    /// as there are slots, so at most twice MAX_CONCURRENT_REQUESTS CLIs live (the slotless ones only
    /// while requests queue or their key's burst runs). Those of keys with no request waiting go
    /// first, then the oldest: during a burst of several clients each key's reset process waits
    /// without a slot for that key's next request.
    /// </summary>
    private void EvictSlotless(WarmKey except)
    {
        List<WarmProcess> ended = [];
        lock (_lock)
        {
            var slotless = _waiting.Where(p => !p.HasSlot).ToList();
            foreach (var process in slotless.Where(p => p.Key != except)
                .OrderBy(p => _gate.QueuedWith(p.Key.Affinity) > 0).ThenBy(p => p.IdleSince))
            {
                if (slotless.Count - ended.Count < _gate.Capacity) break;
                _waiting.Remove(process);
                ended.Add(process);
            }
        }
        foreach (var process in ended) Track(Task.Run(() => EndAsync(process)));
    }

    /// <summary>Makes room in WARM_POOL_SIZE_TOTAL: the longest-waiting process of another key is ended.</summary>
    private bool EvictOldestLocked(WarmKey? except)
    {
        var oldest = _waiting.Where(p => p.Key != except).MinBy(p => p.IdleSince);
        if (oldest is null) return false;
        _waiting.Remove(oldest);
        oldest.ReleaseSlot();
        Track(Task.Run(() => EndAsync(oldest)));
        return true;
    }

    // How long a process beyond WARM_POOL_SIZE_PER_KEY or WARM_POOL_SIZE_TOTAL, kept because its
    // burst was still going when it finished, may wait unused: the pool grows to the slots a burst
    // uses and shrinks back to its sizes once the burst is over.
    private static readonly TimeSpan SurplusIdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Ends processes nobody asked for within WARM_POOL_IDLE_TIMEOUT, and those beyond the pool's
    /// sizes (the most recently used are the ones kept) idle for <see cref="SurplusIdleTimeout"/>.
    /// </summary>
    private void EvictIdle()
    {
        var now = _time.GetUtcNow();
        List<WarmProcess> stale = [];
        lock (_lock)
        {
            Dictionary<WarmKey, int> perKey = [];
            var total = 0;
            foreach (var process in _waiting.OrderByDescending(p => p.IdleSince))
            {
                var ofKey = perKey[process.Key] = perKey.GetValueOrDefault(process.Key) + 1;
                var surplus = ofKey > _options.SizePerKey || total >= _options.SizeTotal;
                if (!surplus) total++;
                var idle = now - process.IdleSince;
                if (idle >= _options.IdleTimeout || surplus && idle >= SurplusIdleTimeout) stale.Add(process);
            }
            foreach (var process in stale) _waiting.Remove(process);
        }
        foreach (var process in stale) Track(EndAsync(process));
    }

    private async Task EndAsync(WarmProcess process)
    {
        await process.StopWaitingAsync();
        await process.Process.EndAsync(TimeSpan.Zero, _execution.KillGracePeriod);
    }

    private void Track(Task task)
    {
        lock (_background) _background.Add(task);
        task.ContinueWith(done => { lock (_background) _background.Remove(done); }, TaskScheduler.Default);
    }

    /// <summary>At shutdown: every waiting process, every one being reset and every one starting is ended.</summary>
    public async ValueTask DisposeAsync()
    {
        List<WarmProcess> waiting;
        lock (_lock)
        {
            _disposed = true;
            waiting = [.. _waiting];
            _waiting.Clear();
        }
        await _sweep.DisposeAsync();
        Task[] pending;
        lock (_background) pending = [.. _background];
        await Task.WhenAll(pending.Append(Task.WhenAll(waiting.Select(EndAsync))));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm process {ProcessId} for {Key} released by its request (reusable: {Reusable})")]
    private static partial void LogReleased(ILogger logger, string key, int processId, bool reusable);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm process {ProcessId} for {Key} ended: a request took its CLI slot")]
    private static partial void LogEvicted(ILogger logger, string key, int processId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm process {ProcessId} for {Key} ready")]
    private static partial void LogReady(ILogger logger, string key, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm process {ProcessId} for {Key} did not reset cleanly ({Reason}) and was ended")]
    private static partial void LogResetFailed(ILogger logger, string key, int processId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm process {ProcessId} for {Key} printed or exited while waiting and was ended")]
    private static partial void LogBroken(ILogger logger, string key, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a warm process for {Key}: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string key, string reason);
}
