using Wrapper.Server.Processes;

namespace Wrapper.Server.Warm;

/// <summary>Resets, evictions, and the end of processes that may not serve again.</summary>
internal sealed partial class WarmPool
{
    // A reset is a local command (12-21 ms measured); far longer means the CLI is stuck.
    private static readonly TimeSpan ResetTimeout = TimeSpan.FromSeconds(10);

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
                reason = "files were left in its sandbox";
                clean = await EventuallyEmptyAsync(process.Process.Sandbox);
            }
        }
        catch (Exception e)
        {
            reason = e.GetType().Name;
            _logger.LogDebug(e, "Reset of warm process failed");
        }
        lock (_lock)
        {
            _resetting[process.Key] -= 1;
            if (_resetting[process.Key] == 0) _resetting.Remove(process.Key);
            if (clean) Keep(process);
            else Changed(); // a request waiting for this one starts its own
        }
        if (clean) return;
        LogResetFailed(_logger, process.Key.ToString(), process.Process.ProcessId, reason);
        await EndAsync(process);
        Replenish(process);
    }

    /// <summary>Wakes requests waiting in <see cref="TakeAsync"/> (called under the lock).</summary>
    private void Changed()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
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
    private async Task<bool> EventuallyEmptyAsync(Sandbox sandbox)
    {
        var until = _time.GetUtcNow() + LeftoverPatience;
        while (!IsEmpty(sandbox))
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
    /// socket), no file with content at any depth.
    /// </summary>
    private static bool IsEmpty(Sandbox sandbox) =>
        !Directory.EnumerateFileSystemEntries(sandbox.WorkDirectory).Any()
        && Directory.EnumerateFiles(sandbox.TempDirectory, "*", SearchOption.AllDirectories).All(path => new FileInfo(path).Length == 0);

    /// <summary>Called by a waiting process that printed or exited: it leaves the pool and is ended.</summary>
    private void Broken(WarmProcess process)
    {
        bool removed;
        lock (_lock) removed = _waiting.Remove(process);
        if (!removed) return;
        LogBroken(_logger, process.Key.ToString(), process.Process.ProcessId);
        Track(Task.Run(() => EndAsync(process)));
    }

    /// <summary>Gives the slot of the longest-waiting process to a request that needs one.</summary>
    private bool EvictOldest()
    {
        lock (_lock) return EvictOldestLocked(except: null);
    }

    private bool EvictOldestLocked(WarmKey? except)
    {
        var oldest = _waiting.Where(p => p.Key != except).MinBy(p => p.IdleSince);
        if (oldest is null) return false;
        _waiting.Remove(oldest);
        oldest.ReleaseSlot();
        Track(Task.Run(() => EndAsync(oldest)));
        return true;
    }

    /// <summary>Ends processes nobody asked for within WARM_POOL_IDLE_TIMEOUT.</summary>
    private void EvictIdle()
    {
        var cutoff = _time.GetUtcNow() - _options.IdleTimeout;
        List<WarmProcess> stale;
        lock (_lock)
        {
            stale = [.. _waiting.Where(p => p.IdleSince <= cutoff)];
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

    /// <summary>At shutdown: every waiting process and every one being reset is ended.</summary>
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
        _gate.ReclaimIdleSlot = null;
        Task[] pending;
        lock (_background) pending = [.. _background];
        await Task.WhenAll(pending.Append(Task.WhenAll(waiting.Select(EndAsync))));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm process {ProcessId} for {Key} released by its request (reusable: {Reusable})")]
    private static partial void LogReleased(ILogger logger, string key, int processId, bool reusable);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm process {ProcessId} ready for {Key}")]
    private static partial void LogReady(ILogger logger, string key, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm process {ProcessId} for {Key} did not reset cleanly ({Reason}) and was ended")]
    private static partial void LogResetFailed(ILogger logger, string key, int processId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm process {ProcessId} for {Key} printed or exited while waiting and was ended")]
    private static partial void LogBroken(ILogger logger, string key, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a warm process for {Key}: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string key, string reason);
}
