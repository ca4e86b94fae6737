using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Server.Warm;

/// <summary>
/// CLI processes started before their requests (docs/cli/REPORT.md §6: the start-up, 0.6-2.5 s, is most
/// of a request's latency), and the one place that lends a request its CLI (<see cref="LeaseAsync"/>).
/// After a request, a process of the same <see cref="WarmKey"/> is made ready in the background: the
/// same one after a reset where the CLI is reused (WARM_POOL_REUSE), else a new one. A request never
/// waits for the pool: it takes a ready process or starts its own at once. Bounded per key
/// and in all; every waiting process holds one CLI slot and gives it up when a request needs it.
/// </summary>
internal sealed partial class WarmPool : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ReadyProcesses _waiting;
    private readonly Dictionary<WarmKey, int> _starting = []; // replacements on their way, per key
    private readonly Dictionary<WarmKey, int> _lent = []; // processes serving a request now, per key
    private readonly HashSet<Task> _background = [];
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
        _waiting = new ReadyProcesses(gate);
        _time = time;
        _logger = logger;
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

    /// <summary>
    /// What the CLI gate knows <paramref name="request"/> by while it waits for a slot (its
    /// <see cref="WarmKey"/>), so it goes first to a slot where a process of its own is ready; null
    /// when the pool does not serve it.
    /// </summary>
    public string? AffinityFor(ICliProvider provider, CompletionRequest request) =>
        WarmStartFor(provider, request) is null ? null : WarmKey.For(provider.Name, request).Affinity;

    /// <summary>How processes of <paramref name="warm"/> serve: "pre-start" (one request each), "reuse" (WARM_POOL_REUSE=true) or "auto" (reused during bursts).</summary>
    public string StrategyFor(IWarmStartProvider warm) =>
        !warm.ReusesProcesses ? "pre-start" : _options.Reuse switch
        {
            WarmPoolReuse.True => "reuse",
            WarmPoolReuse.Auto => "auto",
            _ => "pre-start",
        };

    /// <summary>
    /// The pool's "last use" rule, decided when a process is lent: after this request it ends (its
    /// stdin is closed after the input) when its CLI cannot be reset, it reached WARM_POOL_MAX_USES,
    /// or WARM_POOL_REUSE=false. Under auto it stays open: whether it serves again is decided when
    /// the request gives it back (<see cref="ReleaseAsync"/>), since the first requests of a burst
    /// are lent before the rest of the burst has arrived.
    /// </summary>
    private bool IsLastUseLocked(WarmProcess process) =>
        !process.Warm.ReusesProcesses || process.Uses >= _options.MaxUses || _options.Reuse == WarmPoolReuse.False;

    /// <summary>
    /// Whether a process given back serves again: always under WARM_POOL_REUSE=true; under auto only
    /// while other requests of its key run or requests wait for a slot (a burst, which fresh
    /// start-ups could not keep up with).
    /// </summary>
    /// <param name="process">A process given back (<paramref name="besides"/> 0), or one still lent (1: itself).</param>
    /// <param name="besides">Requests of its key not counted as load.</param>
    private bool ServesAgainLocked(WarmProcess process, int besides = 0) =>
        !process.LastUse && (_options.Reuse == WarmPoolReuse.True || UnderLoadLocked(process.Key, besides));

    /// <summary>
    /// True when <paramref name="process"/>, still lent and given back now, would be ended rather than
    /// reset for another request of its key.
    /// </summary>
    internal bool WouldEnd(WarmProcess process)
    {
        lock (_lock) return !ServesAgainLocked(process, besides: 1);
    }

    /// <summary>
    /// A lent process is held for its conversation's next turn (Continuation/HeldTurns): its
    /// replacement starts now, as it would when the process ended, so the key's next request finds
    /// one ready.
    /// </summary>
    internal void HeldOut(WarmProcess process)
    {
        lock (_lock)
        {
            if (process.Replaced) return;
            process.Replaced = true;
        }
        Replenish(process);
    }

    /// <summary>Requests of <paramref name="key"/> besides <paramref name="besides"/> are being served, or requests wait for a CLI slot.</summary>
    private bool UnderLoadLocked(WarmKey key, int besides = 1) => _lent.GetValueOrDefault(key) > besides || _gate.Queued > 0;

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
    /// The CLI for <paramref name="request"/>: a ready process of its key, else one started now (a
    /// pool process where the provider starts warm, so it may serve later requests; else a cold
    /// one). Throws a <see cref="Diagnostics.GatewayException"/> when the CLI cannot start.
    /// </summary>
    /// <param name="stale">
    /// A process held for a follow-up of the request's conversation that the request went on without
    /// (Continuation/HeldTurns): given back, so it is reset for this request or a later one of its key.
    /// </param>
    public async Task<ICliLease> LeaseAsync(ICliProvider provider, CompletionRequest request, WarmLease? stale = null)
    {
        if (WarmStartFor(provider, request) is not { } warm)
        {
            if (stale is not null) Track(stale.ReleaseAsync(answeredCleanly: true, TimeSpan.Zero));
            var (cold, invocation) = await _launcher.LaunchAsync(new CliLaunch(provider.Name, provider.Executable, sandbox => provider.BuildInvocation(request, sandbox), KeepsInputOpen: false));
            return new ColdCliLease(cold, invocation, _execution.KillGracePeriod);
        }
        var key = WarmKey.For(provider.Name, request);
        // Counted as its key's load from now: a process of its key given back meanwhile is reset for it.
        lock (_lock) _lent[key] = _lent.GetValueOrDefault(key) + 1;
        WarmProcess process;
        CliStart start;
        try
        {
            if (await TakeAsync(key) is { } ready)
            {
                if (stale is not null) Track(stale.ReleaseAsync(answeredCleanly: true, TimeSpan.Zero)); // reset for a later request
                (process, start) = (ready, StartOf(ready));
            }
            else (process, start) = await ResetOrStartAsync(key, provider, warm, request, stale);
        }
        catch
        {
            lock (_lock)
            {
                if (--_lent[key] == 0) _lent.Remove(key);
            }
            throw;
        }
        bool last;
        lock (_lock)
        {
            process.Lent = true;
            process.Uses++;
            process.LastUse = last = IsLastUseLocked(process);
            // A last use is replaced now, so the next request finds one ready; under auto, a process
            // given back outside a burst is replaced when it ends (or is held: HeldOut).
            process.Replaced = last;
        }
        if (process.Replaced) Replenish(process);
        return new WarmLease(this, process, start, warm.TurnInput(request), last);
    }

    private static CliStart StartOf(WarmProcess taken) => taken.Uses > 0 ? CliStart.Reused : CliStart.PreStarted;

    // Below the quickest Claude Code start-up (0.6 s, docs/cli/REPORT.md §6), far above a reset (12-21 ms).
    private static readonly TimeSpan StaleResetWait = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// No process of the key is ready: a CLI starts now. With <paramref name="stale"/>, that held
    /// process is given back beside it; reset (for this request: it counts as its key's load) within
    /// <see cref="StaleResetWait"/>, it serves and the new CLI is ended, else the new CLI serves and
    /// the reset one waits for the key's next request. The request never waits longer than the
    /// start-up it would have had anyway.
    /// </summary>
    private async Task<(WarmProcess, CliStart)> ResetOrStartAsync(WarmKey key, ICliProvider provider, IWarmStartProvider warm, CompletionRequest request, WarmLease? stale)
    {
        EvictSlotless(except: key); // this start takes the slot they were waiting for
        var starting = StartAsync(key, provider, warm, request);
        if (stale is null) return (await starting, CliStart.Cold);
        var givenBack = stale.ReleaseAsync(answeredCleanly: true, TimeSpan.Zero);
        Track(givenBack);
        await Task.WhenAny(givenBack, Task.Delay(StaleResetWait, _time));
        if (await TakeAsync(key) is { } reset)
        {
            Track(EndUnusedAsync(starting));
            return (reset, StartOf(reset));
        }
        return (await starting, CliStart.Cold);
    }

    /// <summary>Ends a process started for a request that a reset one served instead.</summary>
    private async Task EndUnusedAsync(Task<WarmProcess> starting)
    {
        try
        {
            await EndAsync(await starting);
        }
        catch (Diagnostics.GatewayException)
        {
            // it could not start: nothing to end
        }
    }

    /// <summary>A waiting process of this key, now out of the pool and owned by the caller; null when none is ready. Never waits for a reset.</summary>
    private async Task<WarmProcess?> TakeAsync(WarmKey key)
    {
        while (true)
        {
            WarmProcess? process;
            lock (_lock)
            {
                process = _waiting.LastOrDefault(p => p.Key == key); // the most recently used is the warmest
                if (process is null) return null;
                _waiting.Remove(process);
            }
            await process.StopWaitingAsync();
            if (!process.Process.Command.HasExited) return process;
            Track(EndAsync(process));
        }
    }

    private async Task<WarmProcess> StartAsync(WarmKey key, ICliProvider provider, IWarmStartProvider warm, CompletionRequest request)
    {
        var (process, invocation) = await _launcher.LaunchAsync(new CliLaunch(provider.Name, provider.Executable, sandbox => warm.BuildWarmInvocation(request, sandbox), KeepsInputOpen: true));
        return new WarmProcess(key, provider, warm, request, process, invocation);
    }

    /// <summary>
    /// A request is done with <paramref name="process"/>. One that answered cleanly and may serve
    /// again is reset in the background and waits for the next request of its key; any other is
    /// ended (after <paramref name="naturalExit"/> for one that is exiting by itself).
    /// </summary>
    internal async Task ReleaseAsync(WarmProcess process, bool answeredCleanly, TimeSpan naturalExit)
    {
        var last = process.LastUse;
        bool servesAgain;
        lock (_lock)
        {
            if (process.Lent && --_lent[process.Key] == 0) _lent.Remove(process.Key);
            process.Lent = false;
            servesAgain = ServesAgainLocked(process);
        }
        var reusable = answeredCleanly && !_disposed && servesAgain && !process.LostTools;
        LogReleased(_logger, process.Key.ToString(), process.Process.ProcessId, reusable);
        if (reusable)
        {
            // Usually done in 15-20 ms, while the request (whose client has its answer) still holds its
            // slot, so the process is ready when that slot passes to a queued request of its key.
            var reset = ResetAndKeepAsync(process);
            Track(reset);
            await Task.WhenAny(reset, Task.Delay(InlineResetWait, _time));
            return;
        }
        // Only a process whose stdin was closed after its input is on its way out by itself.
        await process.Process.EndAsync(last ? naturalExit : TimeSpan.Zero, _execution.KillGracePeriod);
        if (!process.Replaced) Replenish(process); // else it was replaced when it was lent
    }
}
