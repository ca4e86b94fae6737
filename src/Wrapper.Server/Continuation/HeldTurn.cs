using Wrapper.Server.Processes;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A CLI process whose turn ended at tool calls, kept with its <c>tools/call</c> requests open until
/// the client sends the results. It is still its lender's lease (<see cref="Lease"/>): continuing it
/// lends the same process to the next request; ending it releases the lease, which ends the process.
/// </summary>
internal sealed class HeldTurn(
    ICliLease lease,
    McpToolSession tools,
    WarmKey key,
    string digest,
    string firstMessageDigest,
    IReadOnlyList<HeldToolCall> calls)
{
    private IDisposable? _slot;
    private ITimer? _idle;

    public ICliLease Lease => lease;
    public McpToolSession Tools => tools;
    public WarmKey Key => key;

    /// <summary>The conversation the process has seen, its own tool calls included (<see cref="ConversationDigest"/>).</summary>
    public string Digest => digest;

    /// <summary>The digest of the conversation's first message: a request that shares it but not <see cref="Digest"/> took the loop elsewhere.</summary>
    public string FirstMessageDigest => firstMessageDigest;

    /// <summary>The model's tool calls, in order, as the client got them.</summary>
    public IReadOnlyList<HeldToolCall> Calls => calls;

    public IReadOnlyCollection<string> CallIds => [.. calls.Select(c => c.Id)];

    public int ProcessId => lease.Process.ProcessId;

    /// <summary>Set (under the holder's lock) when it was to be ended before it was in the holder's list.</summary>
    public bool EndRequested { get; set; }

    /// <summary>Starts waiting, holding a CLI slot and a timer that ends the wait.</summary>
    public void Wait(IDisposable slot, ITimer idle)
    {
        _slot = slot;
        _idle = idle;
    }

    /// <summary>Stops waiting: the slot goes back to the gate and the timer stops.</summary>
    public void StopWaiting()
    {
        Interlocked.Exchange(ref _idle, null)?.Dispose();
        Interlocked.Exchange(ref _slot, null)?.Dispose();
    }
}

/// <summary>One of the model's tool calls in a held turn: the id and name the client got, and the arguments as JSON.</summary>
internal sealed record HeldToolCall(string Id, string ClientName, string Arguments);
