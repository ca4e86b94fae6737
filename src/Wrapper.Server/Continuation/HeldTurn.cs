using Wrapper.Server.Processes;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A CLI process kept for its conversation's next turn: one whose turn ended at tool calls, with its
/// <c>tools/call</c> requests open until the client sends the results, or one that answered plainly
/// and waits on its stdin for the next user message (<see cref="IsPlain"/>). It is still its lender's
/// lease (<see cref="Lease"/>): continuing it lends the same process to the next request; ending it
/// releases the lease, whose lender ends the process (or resets it, where the pool's rules allow).
/// </summary>
internal sealed class HeldTurn(
    ICliLease lease,
    McpToolSession? tools,
    WarmKey key,
    string digest,
    string firstMessageDigest,
    IReadOnlyList<HeldToolCall> calls)
{
    private IDisposable? _slot;
    private ITimer? _idle;

    public ICliLease Lease => lease;
    /// <summary>The client's tools over MCP, whose open calls a tool turn waits on; null for a plain turn without tools.</summary>
    public McpToolSession? Tools => tools;

    /// <summary>True when the turn ended with a plain answer (no tool calls): the next request adds user messages.</summary>
    public bool IsPlain => calls.Count == 0;
    public WarmKey Key => key;

    /// <summary>The conversation the process has seen, its own tool calls included (<see cref="ConversationDigest"/>).</summary>
    public string Digest => digest;

    /// <summary>The digest of the conversation's first message: a request that shares it but not <see cref="Digest"/> took the loop elsewhere.</summary>
    public string FirstMessageDigest => firstMessageDigest;

    /// <summary>The model's tool calls, in order, as the client got them (none for a plain turn).</summary>
    public IReadOnlyList<HeldToolCall> Calls => calls;

    public IReadOnlyCollection<string> CallIds => [.. calls.Select(c => c.Id)];

    public int ProcessId => lease.Process.ProcessId;

    /// <summary>Set (under the holder's lock) when it was to be ended before it was in the holder's list.</summary>
    public bool EndRequested { get; set; }

    /// <summary>Starts waiting, holding a CLI slot and a timer that ends the wait.</summary>
    public void Wait(IDisposable? slot, ITimer idle)
    {
        _slot = slot;
        _idle = idle;
    }

    /// <summary>Gives a turn that began to wait without one its CLI slot (under the holder's lock, while it is held).</summary>
    public void TakeSlot(IDisposable slot) => Interlocked.Exchange(ref _slot, slot)?.Dispose();

    /// <summary>Stops waiting: the slot goes back to the gate and the timer stops.</summary>
    public void StopWaiting()
    {
        Interlocked.Exchange(ref _idle, null)?.Dispose();
        Interlocked.Exchange(ref _slot, null)?.Dispose();
    }
}
