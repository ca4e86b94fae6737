using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Warm;

/// <summary>
/// A pool process lent to one request: the request's input goes to its open stdin (closed after it
/// when this is the process's last use, as a cold CLI's is), and giving it back lets the pool decide
/// whether it is reset for the next request or ended.
/// </summary>
internal sealed class WarmLease(WarmPool pool, WarmProcess process, CliStart start, string input, bool lastUse) : ICliLease
{
    private bool _followUp;

    public CliProcess Process => process.Process;
    public CliInvocation Invocation => process.Invocation;
    public CliStart Start => start;

    /// <summary>The pool ends the process after this request (it will not be reset for another).</summary>
    public bool LastUse => lastUse;

    /// <summary>
    /// The process may be held after a plain answer for its conversation's next user message
    /// (Continuation/HeldTurns): a last use then keeps its stdin open after the input; it is closed
    /// when the lease is given back.
    /// </summary>
    public void AllowFollowUp() => _followUp = true;

    /// <summary>
    /// True when, its answer given, the process waits on an open stdin for a follow-up and the pool
    /// would end it when given back (a last use, or under WARM_POOL_REUSE=auto outside a burst): a
    /// held turn may keep it instead. A process the pool would reset for another request goes back.
    /// </summary>
    public bool WaitsForFollowUp => _followUp && (lastUse || pool.WouldEnd(process));

    /// <summary>The process is held for its conversation's next turn, out of the pool's rotation until given back.</summary>
    public void HeldOut() => pool.HeldOut(process);

    // If the process died meanwhile the write fails quietly and its exit becomes the run's error.
    public Task WriteInputAsync(CancellationToken cancellationToken) =>
        process.Process.Command.WriteInputAsync(input, close: lastUse && !_followUp, cancellationToken);

    public async Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit)
    {
        // A last use's CLI exits by itself once its stdin ends, as it would have after the input.
        if (lastUse && _followUp) await process.Process.Command.WriteInputAsync("", close: true, CancellationToken.None);
        await pool.ReleaseAsync(process, answeredCleanly, naturalExit);
    }
}
