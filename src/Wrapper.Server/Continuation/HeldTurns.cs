using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// CLI processes kept for their conversation's next request: those whose turn ended at tool calls,
/// each with its <c>tools/call</c> requests open (the next turn of its agent loop), and persistent
/// ones that answered plainly and wait on stdin for the next user message (a multi-turn chat, an
/// agent with XML tools). That request continues the same process only when it is exactly the held
/// conversation plus one result for each held call (or, after a plain answer, plus new user
/// messages), with the same client, model, system prompt and tools (<see cref="ConversationDigest"/>);
/// anything else is served as if nothing were held. Bounded by HELD_TURNS_MAX and
/// HELD_TURN_IDLE_TIMEOUT; each held process waits in a CLI slot that a request may take over (the
/// process is then ended).
/// </summary>
internal sealed partial class HeldTurns : IAsyncDisposable
{
    // How long a finished turn waits for the CLI's first tools/call (it follows the model's answer at
    // once: the CLI sends it as soon as it has read the tool use); the client already has its answer.
    private static readonly TimeSpan CallPatience = TimeSpan.FromSeconds(3);

    private readonly HeldTurnOptions _options;
    private readonly CliConcurrencyGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger<HeldTurns> _logger;
    private readonly Lock _lock = new();
    private readonly List<HeldTurn> _held = []; // oldest first
    private readonly HashSet<Task> _ending = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    public HeldTurns(IOptions<HeldTurnOptions> options, CliConcurrencyGate gate, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<HeldTurns> logger)
    {
        _options = options.Value;
        _gate = gate;
        _time = time;
        _logger = logger;
        // A held process's open tools/call is a running request: ended at once, it does not hold up the shutdown.
        lifetime.ApplicationStopping.Register(EndAll);
    }

    /// <summary>Processes held now (for tests and the debug view).</summary>
    public int Count
    {
        get { lock (_lock) return _held.Count; }
    }

    /// <summary>The held processes' ids (for tests).</summary>
    internal IReadOnlyList<int> ProcessIds()
    {
        lock (_lock) return [.. _held.Select(t => t.ProcessId)];
    }

    /// <summary>
    /// Takes over the lease of a finished run when its process may be continued: it ended at tool
    /// calls the client all got and the CLI has the client's tools over MCP, or it answered plainly
    /// with its stdin still open (<see cref="KeepForNextTurn"/>). False: the caller gives the lease
    /// back as usual. A tool turn is held once the CLI's first <c>tools/call</c> arrives and a CLI
    /// slot is free, in the background (the client already has its answer); otherwise the lease is
    /// given back from there.
    /// </summary>
    public bool Offer(ICliLease lease, CompletionRequest request, string provider, TurnRecord turn)
    {
        if (lease is ContinuedLease continued) lease = continued.Held;
        if (_options.MaxHeld == 0) return false;
        lock (_lock)
        {
            if (_disposed) return false;
        }
        if (turn.EndedPlainly) return OfferPlain(lease, request, provider, turn);
        if (turn.Finish != FinishReason.ToolCalls || !turn.ClientSawEveryCall || lease.Invocation.ToolSession is not { } tools) return false;
        Track(HoldOrReleaseAsync(NewHeldTurn(lease, tools, request, provider, turn)));
        return true;
    }

    private static HeldTurn NewHeldTurn(ICliLease lease, McpToolSession? tools, CompletionRequest request, string provider, TurnRecord turn)
    {
        var key = WarmKey.For(provider, request);
        var answer = turn.AsAssistantMessage();
        List<ConversationMessage> conversation = [.. request.Messages, answer];
        return new HeldTurn(lease, tools, key, ConversationDigest.Of(key, conversation), ConversationDigest.Of(key, conversation.Take(1)), HeldToolCall.Of(answer.ToolCalls));
    }

    private async Task HoldOrReleaseAsync(HeldTurn held)
    {
        if (!await held.Tools!.CallArrivesAsync(CallPatience, _time, _stopping.Token) || held.Lease.Process.Command.HasExited || !TryHold(held))
            await held.Lease.ReleaseAsync(answeredCleanly: false, TimeSpan.Zero);
    }

    private bool TryHold(HeldTurn held)
    {
        if (_gate.TryAcquireIdleSlot(() => End(held, "a request needed its CLI slot")) is not { } slot) return false;
        if (!Add(held, slot))
        {
            slot.Dispose();
            return false;
        }
        held.Tools?.OnAbandoned(() => End(held, "its CLI stopped waiting for a tool result"));
        LogHeld(_logger, held.ProcessId, held.Key.ToString(), held.Calls.Count, held.Tools?.Waiting.Count ?? 0);
        return true;
    }

    /// <summary>Puts <paramref name="held"/> in the list with its idle timer (and its slot, or none yet); the oldest goes beyond HELD_TURNS_MAX.</summary>
    private bool Add(HeldTurn held, IDisposable? slot)
    {
        HeldTurn? displaced = null;
        lock (_lock)
        {
            if (_disposed || held.EndRequested) return false;
            held.Wait(slot, _time.CreateTimer(_ => End(held, "HELD_TURN_IDLE_TIMEOUT passed"), null, _options.IdleTimeout, Timeout.InfiniteTimeSpan));
            _held.Add(held);
            if (_held.Count > _options.MaxHeld) displaced = _held[0];
        }
        if (displaced is not null) End(displaced, "HELD_TURNS_MAX reached");
        if (held.Lease is WarmLease warm) warm.HeldOut(); // the pool starts its replacement now, not when the hold ends
        return true;
    }

    /// <summary>
    /// The held process this request continues, its tool calls now answered with the request's
    /// results; null when none (the request is served fresh). <paramref name="stale"/>: the held turns
    /// it goes on without (of its conversation, the same first message, or of the same turn: an edited
    /// history, a retry, a script's next one-shot request), for <see cref="TakeStalePlain"/> and
    /// <see cref="EndStale"/> once it has its CLI; found in the same pass, so the conversation is hashed once.
    /// </summary>
    public ICliLease? TryTake(CompletionRequest request, string provider, IContinuableProvider continuable, out IReadOnlyList<HeldTurn> stale)
    {
        stale = [];
        if (_options.MaxHeld == 0 || request.Messages.Count == 0) return null;
        var key = WarmKey.For(provider, request);
        var next = HeldConversation.ReadNext(request.Messages);
        HeldTurn? taken;
        lock (_lock)
        {
            (taken, var others) = MatchLocked(key, request.Messages, next);
            if (taken is not null) _held.Remove(taken);
            stale = others;
        }
        if (taken is null) return null;
        taken.StopWaiting();
        if (taken.Lease.Process.Command.HasExited)
        {
            End(taken, "its CLI exited while it waited", removed: true);
            return null;
        }
        LogContinued(_logger, taken.ProcessId, key.ToString());
        if (taken.IsPlain)
        {
            taken.Tools?.NextTurn(_ => false); // a new turn: the model's next tool call (if any) ends it again
            return new ContinuedLease(taken.Lease, continuable.FollowUpInput(request, next!.After));
        }
        taken.Tools!.NextTurn(ToolResultAnswers.For(taken, next!, request.Images));
        return new ContinuedLease(taken.Lease);
    }

    /// <summary>
    /// Ends the held turns a request went on without (<see cref="TryTake"/>'s <c>stale</c>; one taken or
    /// ended meanwhile is passed over). Called once the request has its CLI: a plain one is given back
    /// to the warm pool while this request of its key runs, so the pool resets it for the key's next
    /// request (a burst of one-shot requests finds it ready) rather than ending it.
    /// </summary>
    public void EndStale(IReadOnlyList<HeldTurn> stale)
    {
        foreach (var turn in stale) End(turn, "the conversation went on without it");
    }

    /// <summary>
    /// A plain turn of <paramref name="stale"/> still held, out of the held list for the warm pool to
    /// reset for the request that went on without it when no process of its key is ready
    /// (<see cref="WarmPool.LeaseAsync"/>); null when none.
    /// </summary>
    public WarmLease? TakeStalePlain(IReadOnlyList<HeldTurn> stale)
    {
        HeldTurn? taken;
        lock (_lock) taken = stale.FirstOrDefault(t => t.IsPlain && t.Lease is WarmLease && _held.Remove(t));
        if (taken is null) return null;
        taken.StopWaiting();
        LogEnded(_logger, taken.ProcessId, "a new request of its key went on without it, and the warm pool resets it for that request");
        return (WarmLease)taken.Lease;
    }

    /// <summary>True when a held process would continue this request (for the debug view; nothing is taken or ended).</summary>
    public bool WouldContinue(CompletionRequest request, string provider)
    {
        if (_options.MaxHeld == 0 || request.Messages.Count == 0) return false;
        lock (_lock) return MatchLocked(WarmKey.For(provider, request), request.Messages, HeldConversation.ReadNext(request.Messages)).Match is not null;
    }

    /// <summary>
    /// The held turn that <paramref name="messages"/> continue, and the held turns of the same
    /// conversation (the same first message) or the same turn that they do not continue.
    /// </summary>
    private (HeldTurn? Match, List<HeldTurn> Stale) MatchLocked(WarmKey key, IReadOnlyList<ConversationMessage> messages, HeldConversation? next)
    {
        var first = ConversationDigest.Of(key, messages.Take(1));
        var digest = next is null ? null : ConversationDigest.Of(key, next.UpToAssistant);
        HeldTurn? match = null;
        List<HeldTurn> stale = [];
        foreach (var turn in _held.Where(t => t.Key == key))
        {
            if (match is null && turn.Digest == digest && next!.AnswersExactly(turn.CallIds)) match = turn;
            else if (turn.FirstMessageDigest == first || turn.Digest == digest) stale.Add(turn);
        }
        return (match, stale);
    }

    /// <summary>
    /// Ends a held process: a tool turn's lease is given back unanswered (the lender ends it, tree and
    /// sandbox); a plain turn's as answered, so the warm pool's rules decide (it ends a last use).
    /// </summary>
    private void End(HeldTurn turn, string reason, bool removed = false)
    {
        lock (_lock)
        {
            if (!removed && !_held.Remove(turn))
            {
                turn.EndRequested = true; // not held yet, or taken or ended already
                return;
            }
        }
        turn.StopWaiting();
        LogEnded(_logger, turn.ProcessId, reason);
        Track(turn.Lease.ReleaseAsync(answeredCleanly: turn.IsPlain, TimeSpan.Zero));
    }

    private void Track(Task task)
    {
        lock (_lock) _ending.Add(task);
        task.ContinueWith(t =>
        {
            lock (_lock) _ending.Remove(t);
        }, TaskScheduler.Default);
    }

    private void EndAll()
    {
        List<HeldTurn> held;
        lock (_lock)
        {
            _disposed = true;
            held = [.. _held];
        }
        _stopping.Cancel();
        foreach (var turn in held) End(turn, "the gateway is stopping");
    }

    public async ValueTask DisposeAsync()
    {
        EndAll();
        Task[] ending;
        lock (_lock) ending = [.. _ending];
        await Task.WhenAll(ending);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CLI process {ProcessId} ({Key}) held at {Calls} tool call(s) for the client's results ({Waiting} sent to the gateway so far)")]
    private static partial void LogHeld(ILogger logger, int processId, string key, int calls, int waiting);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CLI process {ProcessId} ({Key}) continues with the client's tool results")]
    private static partial void LogContinued(ILogger logger, int processId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Held CLI process {ProcessId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, int processId, string reason);
}
