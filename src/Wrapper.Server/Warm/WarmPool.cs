using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Server.Warm;

/// <summary>
/// CLI processes started before their requests (docs/cli/REPORT.md §6: the start-up, 0.6-2.5 s, is most
/// of a request's latency). After a request, a process of the same <see cref="WarmKey"/> is made
/// ready: the same one after a reset where the CLI can be reused, else a new one, so that the next
/// turn of an agent loop skips the start-up. Bounded per key and in all; every waiting process holds
/// one CLI slot (MAX_CONCURRENT_REQUESTS) and gives it up when a request needs it.
/// </summary>
internal sealed partial class WarmPool : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<WarmProcess> _waiting = [];
    private readonly HashSet<Task> _background = [];

    // Used processes being reset, per key: a request of that key waits for one rather than start cold.
    private readonly Dictionary<WarmKey, int> _resetting = [];

    // Completed (and replaced) whenever a process joins the pool or a reset ends.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WarmPoolOptions _options;
    private readonly ExecutionOptions _execution;
    private readonly CliLauncher _launcher;
    private readonly CliConcurrencyGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger<WarmPool> _logger;
    private readonly ITimer _sweep;
    private bool _disposed;

    public WarmPool(IOptions<WarmPoolOptions> options, IOptions<ExecutionOptions> execution, CliLauncher launcher,
        CliConcurrencyGate gate, TimeProvider time, ILogger<WarmPool> logger)
    {
        _options = options.Value;
        _execution = execution.Value;
        _launcher = launcher;
        _gate = gate;
        _time = time;
        _logger = logger;
        gate.ReclaimIdleSlot = EvictOldest;
        var every = TimeSpan.FromSeconds(Math.Clamp(_options.IdleTimeoutSeconds / 4.0, 1, 30));
        _sweep = time.CreateTimer(_ => EvictIdle(), null, every, every);
    }

    public WarmPoolOptions Options => _options;

    /// <summary>The provider's warm start, when the pool serves this request; null: start the CLI cold.</summary>
    public IWarmStartProvider? WarmStartFor(ICliProvider provider, CompletionRequest request)
    {
        if (!_options.Covers(provider.Name)) return null;
        var warm = provider as IWarmStartProvider ?? (provider is IStdinPrompt prompt ? new PreStartedCli(provider, prompt) : null);
        return warm?.CanStartWarm(request) == true ? warm : null;
    }

    /// <summary>Number of processes waiting for <paramref name="key"/> (for the debug view and tests).</summary>
    public int WaitingFor(WarmKey key)
    {
        lock (_lock) return _waiting.Count(p => p.Key == key);
    }

    /// <summary>The sandboxes of the processes waiting now (for tests that tell them from requests' sandboxes).</summary>
    internal IReadOnlyList<string> WaitingSandboxes()
    {
        lock (_lock) return [.. _waiting.Select(p => p.Process.Sandbox.Root)];
    }

    /// <summary>
    /// A waiting process of this key, now out of the pool and owned by the caller; null when none
    /// waits. While one of the key is being reset (about 15 ms), it waits for that one: an agent or a
    /// client that sends its next request at once should not pay a cold start for it.
    /// </summary>
    public async Task<WarmProcess?> TakeAsync(WarmKey key)
    {
        using var patience = new CancellationTokenSource(ResetTimeout, _time);
        while (true)
        {
            WarmProcess? process;
            Task changed;
            lock (_lock)
            {
                process = _waiting.LastOrDefault(p => p.Key == key); // the most recently used is the warmest
                if (process is not null) _waiting.Remove(process);
                changed = _changed.Task;
                if (process is null && _resetting.GetValueOrDefault(key) == 0) return null;
            }
            if (process is not null)
            {
                await process.StopWaitingAsync();
                if (!process.Process.Command.HasExited) return process;
                Track(EndAsync(process));
                continue;
            }
            try { await changed.WaitAsync(patience.Token); }
            catch (OperationCanceledException) { return null; }
        }
    }

    /// <summary>Starts a process for <paramref name="request"/>'s key now (nothing was waiting), owned by the caller.</summary>
    public WarmProcess Start(WarmKey key, ICliProvider provider, IWarmStartProvider warm, CompletionRequest request)
    {
        var (process, invocation) = _launcher.Launch(provider, sandbox => warm.BuildWarmInvocation(request, sandbox), keepsInputOpen: true);
        return new WarmProcess(key, provider, warm, request, process, invocation);
    }

    /// <summary>
    /// A request is done with <paramref name="process"/>. A reusable one is reset and waits for the
    /// next request of its key; any other is ended (after <paramref name="naturalExit"/> for one that
    /// is exiting by itself) and a fresh one is started in its place.
    /// </summary>
    public async Task ReleaseAsync(WarmProcess process, bool reusable, TimeSpan naturalExit)
    {
        LogReleased(_logger, process.Key.ToString(), process.Process.ProcessId, reusable);
        if (reusable && !_disposed && process.Warm.ReusesProcesses && process.Uses < _options.MaxUses && !process.LostTools)
        {
            lock (_lock) _resetting[process.Key] = _resetting.GetValueOrDefault(process.Key) + 1;
            Track(ResetAndKeepAsync(process));
            return;
        }
        // Only a process whose stdin was closed after its input is on its way out by itself.
        var exiting = !process.Warm.ReusesProcesses || process.Uses >= _options.MaxUses;
        await process.Process.EndAsync(exiting ? naturalExit : TimeSpan.Zero, _execution.KillGracePeriod);
        Replenish(process);
    }

    /// <summary>Starts a process for the key of <paramref name="used"/> in the background, if its key has room.</summary>
    private void Replenish(WarmProcess used)
    {
        if (_disposed || WaitingFor(used.Key) >= _options.SizePerKey) return;
        Track(Task.Run(() =>
        {
            try
            {
                Keep(Start(used.Key, used.Provider, used.Warm, used.Template));
            }
            catch (Exception e)
            {
                LogStartFailed(_logger, used.Key.ToString(), e.Message);
            }
        }));
    }

    /// <summary>Puts a ready process into the pool, or ends it when the pool has no room or no slot.</summary>
    private void Keep(WarmProcess process)
    {
        IDisposable? slot = null;
        lock (_lock)
        {
            var room = !_disposed && _waiting.Count(p => p.Key == process.Key) < _options.SizePerKey
                && (_waiting.Count < _options.SizeTotal || EvictOldestLocked(except: process.Key));
            if (room) slot = _gate.TryAcquireIdleSlot();
            if (slot is not null)
            {
                // Watched before it can be taken, so a taker always stops a running watch.
                process.StartWaiting(slot, _time.GetUtcNow(), Broken);
                _waiting.Add(process);
                Changed();
            }
        }
        if (slot is null)
        {
            Track(Task.Run(() => EndAsync(process))); // may be under the lock: no kill on this thread
            return;
        }
        LogReady(_logger, process.Key.ToString(), process.Process.ProcessId);
    }
}
