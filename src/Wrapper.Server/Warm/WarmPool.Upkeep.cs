using Wrapper.Server.Processes;

namespace Wrapper.Server.Warm;

/// <summary>Resets, replacements, and keeping ready processes within the slot budget.</summary>
internal sealed partial class WarmPool
{
    // A reset is a local command (12-21 ms measured); far longer means the CLI is stuck. Nobody waits for it.
    private static readonly TimeSpan ResetTimeout = TimeSpan.FromSeconds(10);

    // How long a finished request (whose client has its whole answer) gives its process's reset
    // before it lets go of its slot, so the next request of its key finds the process ready. A reset
    // takes 12-21 ms on an idle machine, but several hundred on a loaded one, and a cold start
    // instead costs 0.6-2.5 s of one core (docs/cli/REPORT.md §6); a stuck reset never holds more.
    private static readonly TimeSpan InlineResetWait = TimeSpan.FromSeconds(1);

    // How often a reset process that waits without a slot (all slots busy) looks for one.
    private static readonly TimeSpan SlotlessWait = TimeSpan.FromSeconds(2);

    // How long a reset process's sandbox may take to empty itself, and how often it is looked at.
    private static readonly TimeSpan LeftoverPatience = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LeftoverPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Makes a used process forget its request, then proves it: the CLI must confirm the reset and
    /// its working and temp folders must be empty. Anything else and it is ended, never reused.
    /// </summary>
    private async Task ResetAndKeepAsync(WarmProcess process)
    {
        var clean = false;
        var reason = "the CLI did not confirm the reset";
        try
        {
            if (await ResetAsync(process))
            {
                RemoveMcpLogs(process.Process.Sandbox);
                clean = await EventuallyEmptyAsync(process);
                if (!clean) reason = $"files were left in its sandbox: {Leftover(process)}";
            }
        }
        catch (Exception e)
        {
            reason = e.GetType().Name;
            _logger.LogDebug(e, "Reset of warm process failed");
        }
        if (clean)
        {
            Keep(process, slot: null);
            return;
        }
        LogResetFailed(_logger, process.Key.ToString(), process.Process.ProcessId, reason);
        await EndAsync(process);
        Replenish(process);
    }

    private async Task<bool> ResetAsync(WarmProcess process)
    {
        using var timeout = new CancellationTokenSource(ResetTimeout, _time);
        var command = process.Process.Command;
        if (!await command.WriteInputAsync(process.Warm.ResetInput, close: false, timeout.Token)) return false;
        try
        {
            await foreach (var commandEvent in command.ReadEventsAsync(timeout.Token))
            {
                if (commandEvent is not StandardOutputCommandEvent output) continue;
                if (process.Warm.ReadResetLine(output.Text) is { } confirmed) return confirmed;
            }
        }
        catch (OperationCanceledException)
        {
            // timed out: not reusable
        }
        return false;
    }

    /// <summary>
    /// Claude Code 2.1.332's start-up probe keeps a 1-byte file in its temp folder for up to about 1.5 s,
    /// so right after a fast first answer the folder is not empty yet: the check is repeated for a
    /// moment before the process is thrown away. It still must come out empty.
    /// </summary>
    private async Task<bool> EventuallyEmptyAsync(WarmProcess process)
    {
        var until = _time.GetUtcNow() + LeftoverPatience;
        while (Leftover(process) is not null)
        {
            if (_time.GetUtcNow() >= until) return false;
            await Task.Delay(LeftoverPoll, _time);
        }
        return true;
    }

    /// <summary>
    /// Nothing of a request may stay where the next one would find it: the working folder must be
    /// empty, and the temp folder may hold only empty entries: folders the CLI makes at start-up
    /// (Claude Code's claude-&lt;uid&gt;) and a runtime's IPC sockets (.NET's dotnet-diagnostic
    /// socket), no file with content at any depth. Returns the first leftover (its path inside the
    /// sandbox and size, never its content), or null.
    /// </summary>
    private static string? Leftover(WarmProcess process)
    {
        var sandbox = process.Process.Sandbox;
        if (Directory.EnumerateFileSystemEntries(sandbox.WorkDirectory).FirstOrDefault() is { } work)
            return Path.GetRelativePath(sandbox.Root, work);
        return Directory.EnumerateFiles(sandbox.TempDirectory, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path)).Where(file => file.Length > 0)
            .Select(file => $"{Path.GetRelativePath(sandbox.Root, file.FullName)} ({file.Length} B)").FirstOrDefault();
    }

    /// <summary>
    /// Claude Code 2.1.332 writes a debug log of each MCP server's connection under
    /// <c>$XDG_CACHE_HOME/claude-cli-nodejs/&lt;cwd&gt;/mcp-logs-&lt;server&gt;/</c> (the sandbox's temp
    /// folder), about 4 KB as it connects to the gateway's own server, and never reads it back. After a
    /// confirmed reset these logs are removed, so that nothing of the request stays for the next
    /// one, rather than the process being thrown away (which made every reuse fail).
    /// </summary>
    private static void RemoveMcpLogs(Sandbox sandbox)
    {
        foreach (var logs in Directory.EnumerateDirectories(sandbox.TempDirectory, "mcp-logs-*", SearchOption.AllDirectories).ToList())
            Directory.Delete(logs, recursive: true);
    }

    // A request that gave its process back holds its CLI slot until it is done with it (a moment
    // later): a replacement that found no slot free looks again for this long, while no request waits.
    private static readonly TimeSpan ReplenishPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReplenishPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Starts a process for the key of <paramref name="used"/> in the background, if its key has room
    /// and a CLI slot is free: the slot is taken first, so a replacement never costs a start-up the
    /// slot budget has no room for, and a request that needs the slot meanwhile gets it. With every
    /// slot busy it looks again for <see cref="ReplenishPatience"/>: at the end of a burst the slots
    /// are those of the requests that gave their processes back, free a moment later.
    /// </summary>
    private void Replenish(WarmProcess used)
    {
        if (!TryReplenish(used)) Track(ReplenishSoonAsync(used));
    }

    private async Task ReplenishSoonAsync(WarmProcess used)
    {
        var until = _time.GetUtcNow() + ReplenishPatience;
        while (_time.GetUtcNow() < until)
        {
            await Task.Delay(ReplenishPoll, _time);
            if (TryReplenish(used)) return;
        }
    }

    /// <summary>False only when a replacement is wanted and no CLI slot is free for it (or a request waits for one).</summary>
    private bool TryReplenish(WarmProcess used)
    {
        var claim = new SlotClaim(this);
        IDisposable? slot;
        lock (_lock)
        {
            if (_disposed || _options.SizePerKey == 0
                || _waiting.Count(p => p.Key == used.Key) + _starting.GetValueOrDefault(used.Key) >= _options.SizePerKey) return true;
            slot = _gate.TryAcquireIdleSlot(claim.Reclaim, used.Key.Affinity, claim.HandOver);
            if (slot is null) return false;
            _starting[used.Key] = _starting.GetValueOrDefault(used.Key) + 1;
        }
        Track(Task.Run(async () =>
        {
            WarmProcess? process = null;
            try
            {
                process = await StartAsync(used.Key, used.Provider, used.Warm, used.Template);
            }
            catch (Exception e)
            {
                LogStartFailed(_logger, used.Key.ToString(), e.Message);
            }
            lock (_lock)
            {
                if (--_starting[used.Key] == 0) _starting.Remove(used.Key);
            }
            if (process is null || !claim.Attach(process)) // failed, or a request took the slot meanwhile
            {
                slot.Dispose();
                if (process is not null) await EndAsync(process);
                return;
            }
            Keep(process, slot);
        }));
        return true;
    }

    /// <summary>
    /// Puts a ready process into the pool, with <paramref name="slot"/> or a slot it takes now, or
    /// ends it when the pool has no room or no slot is free.
    /// </summary>
    private void Keep(WarmProcess process, IDisposable? slot)
    {
        var kept = false;
        lock (_lock)
        {
            // A used process may stay beyond the sizes while its burst goes on (the pool grows to the
            // slots the burst uses); the sweep ends such surplus once it is idle (SurplusIdleTimeout).
            var room = !_disposed && (process.Uses > 0 && UnderLoadLocked(process.Key, besides: 0)
                || _waiting.Count(p => p.Key == process.Key) < _options.SizePerKey
                && (_waiting.Count < _options.SizeTotal || EvictOldestLocked(except: process.Key)));
            if (room && slot is null)
            {
                var claim = new SlotClaim(this);
                slot = _gate.TryAcquireIdleSlot(claim.Reclaim, process.Key.Affinity, claim.HandOver);
                if (slot is not null && !claim.Attach(process)) slot = null; // a request took it in between
            }
            // A used process already exists: while every slot is busy (queued requests of its key may
            // be next) it waits without one for a moment rather than be thrown away (WaitForSlotAsync).
            if (room && (slot is not null || process.Uses > 0))
            {
                // Watched before it can be taken, so a taker always stops a running watch.
                process.StartWaiting(slot, _time.GetUtcNow(), Broken);
                _waiting.Add(process);
                kept = true;
            }
        }
        if (kept && slot is null)
        {
            Track(WaitForSlotAsync(process));
            _gate.Dispatch(); // a waiter of its key may take a free slot now
        }
        if (!kept)
        {
            slot?.Dispose();
            Track(Task.Run(() => EndAsync(process)));
            return;
        }
        LogReady(_logger, process.Key.ToString(), process.Process.ProcessId);
    }

    /// <summary>
    /// A slotless waiting process looks for a slot every <see cref="SlotlessWait"/>: it keeps waiting
    /// while requests queue for slots or its key's burst still runs (a request of its key may be
    /// next; <see cref="EvictSlotless"/> bounds how many wait so), takes a slot once one is free, and
    /// is ended when neither.
    /// </summary>
    private async Task WaitForSlotAsync(WarmProcess process)
    {
        while (true)
        {
            await Task.Delay(SlotlessWait, _time);
            lock (_lock)
            {
                if (!_waiting.Contains(process) || process.HasSlot) return;
                var claim = new SlotClaim(this);
                if (_gate.TryAcquireIdleSlot(claim.Reclaim, process.Key.Affinity, claim.HandOver) is { } slot && claim.Attach(process))
                {
                    process.Hold(slot);
                    return;
                }
                if (_disposed || !UnderLoadLocked(process.Key, besides: 0) || _time.GetUtcNow() - process.IdleSince >= _options.IdleTimeout)
                {
                    _waiting.Remove(process);
                    break;
                }
            }
        }
        await EndAsync(process);
    }

    /// <summary>
    /// A request of its key took the slot <paramref name="process"/> waited in: the process waits on
    /// without one, for that request to take it (or, if another process of its key is taken, as any
    /// slotless process does).
    /// </summary>
    internal void HandedOver(WarmProcess process)
    {
        process.DropSlot();
        bool waiting;
        lock (_lock) waiting = _waiting.Contains(process);
        if (waiting) Track(WaitForSlotAsync(process));
    }
}
