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
    private bool _inputKeptOpen;

    public CliProcess Process => process.Process;
    public CliInvocation Invocation => process.Invocation;
    public CliStart Start => start;

    /// <summary>The pool ends the process after this request (it will not be reset for another).</summary>
    public bool LastUse => lastUse;

    /// <summary>True when a last use keeps its stdin open after the input (<see cref="KeepInputOpen"/>).</summary>
    public bool InputKeptOpen => _inputKeptOpen;

    /// <summary>
    /// A last use whose process may be held for its conversation's next turn (Continuation/HeldTurns)
    /// keeps stdin open after the input; it is closed when the lease is given back.
    /// </summary>
    public void KeepInputOpen() => _inputKeptOpen = lastUse;

    // If the process died meanwhile the write fails quietly and its exit becomes the run's error.
    public Task WriteInputAsync(CancellationToken cancellationToken) =>
        process.Process.Command.WriteInputAsync(input, close: lastUse && !_inputKeptOpen, cancellationToken);

    public async Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit)
    {
        // A last use's CLI exits by itself once its stdin ends, as it would have after the input.
        if (_inputKeptOpen) await process.Process.Command.WriteInputAsync("", close: true, CancellationToken.None);
        await pool.ReleaseAsync(process, answeredCleanly, naturalExit);
    }
}
