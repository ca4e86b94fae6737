using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A held process lent to the request that continues its turn: the request's input went in as the
/// answers to the process's tool calls (<see cref="HeldTurns.TryTake"/>); giving it back is giving
/// back the lease it was held under, whose lender decides what happens to the process.
/// </summary>
internal sealed class ContinuedLease(ICliLease held) : ICliLease
{
    /// <summary>The lease the process was first lent under (a cold process, or the warm pool's).</summary>
    public ICliLease Held => held;

    public CliProcess Process => held.Process;
    public CliInvocation Invocation => held.Invocation;
    public CliStart Start => held.Start;
    public HistoryMode History => HistoryMode.Continued;

    public Task WriteInputAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit) => held.ReleaseAsync(answeredCleanly, naturalExit);
}
