using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// Plain turns: a persistent CLI (Claude Code with stream-json input) that printed its whole answer
/// waits on its stdin; held, it takes the conversation's next user message as native history, with
/// no start-up and the provider's prompt cache warm (README "Agent loops"). Only a process the warm
/// pool would end is held (a last use, or under WARM_POOL_REUSE=auto outside a burst): one the pool
/// would reset for another request (during a burst, or always with WARM_POOL_REUSE=true) goes back,
/// so a burst keeps its processes and a held process is never in the pool. Ended, it is given back as answered: the pool's rules decide (a last use is ended).
/// </summary>
internal sealed partial class HeldTurns
{
    // A finished request gives its CLI slot back just after it hands its process over.
    private static readonly TimeSpan SlotPatience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SlotPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Before a request's input is written: a warm process of a CLI that takes follow-ups may wait for
    /// the next user message after a plain answer (a last use keeps its stdin open for it).
    /// </summary>
    public void KeepForNextTurn(ICliLease lease, IContinuableProvider continuable)
    {
        if (_options.MaxHeld > 0 && continuable.TakesFollowUps && lease is WarmLease warm) warm.AllowFollowUp();
    }

    /// <summary>
    /// Holds a process that answered plainly with its stdin open, at once (the client may send its
    /// next turn as soon as it has the answer); its CLI slot is taken in the background.
    /// </summary>
    private bool OfferPlain(ICliLease lease, CompletionRequest request, string provider, TurnRecord turn)
    {
        // A CLI whose MCP connection failed answered without the client's tools: its next turn gets a process that has them.
        if (lease is not WarmLease { WaitsForFollowUp: true } || lease.Process.Command.HasExited || lease.Invocation.ToolSession is { ToolsListed: false }) return false;
        var held = NewHeldTurn(lease, lease.Invocation.ToolSession, request, provider, turn);
        if (!Add(held, slot: null)) return false;
        LogHeldPlain(_logger, held.ProcessId, held.Key.ToString());
        Track(ClaimSlotAsync(held));
        return true;
    }

    /// <summary>
    /// A plain turn's CLI slot: a free one within <see cref="SlotPatience"/> (its request's, once given
    /// back), else the process is ended. A request queued for a slot comes first.
    /// </summary>
    private async Task ClaimSlotAsync(HeldTurn held)
    {
        var until = _time.GetUtcNow() + SlotPatience;
        while (true)
        {
            lock (_lock)
            {
                if (!_held.Contains(held)) return; // continued or ended meanwhile
            }
            if (_gate.TryAcquireIdleSlot(() => End(held, "a request needed its CLI slot")) is { } slot)
            {
                bool kept;
                lock (_lock)
                {
                    kept = _held.Contains(held);
                    if (kept) held.TakeSlot(slot);
                }
                if (!kept) slot.Dispose();
                return;
            }
            if (_time.GetUtcNow() >= until)
            {
                End(held, "no CLI slot was free");
                return;
            }
            await Task.Delay(SlotPoll, _time);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CLI process {ProcessId} ({Key}) answered and is held for the conversation's next user message")]
    private static partial void LogHeldPlain(ILogger logger, int processId, string key);
}
