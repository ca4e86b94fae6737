using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A held process lent to the request that continues its turn (<see cref="HeldTurns.TryTake"/>): the
/// request's tool results went in as the answers to the process's tool calls, or its new user turn
/// (<paramref name="input"/>) goes to the process's stdin. Giving it back is giving back the lease it
/// was held under, whose lender decides what happens to the process.
/// </summary>
internal sealed class ContinuedLease(ICliLease held, string? input = null) : ICliLease
{
    /// <summary>The lease the process was first lent under (a cold process, or the warm pool's).</summary>
    public ICliLease Held => held;

    public CliProcess Process => held.Process;
    public CliInvocation Invocation => held.Invocation;
    public CliStart Start => held.Start;
    public HistoryMode History => HistoryMode.Continued;

    // If the process died meanwhile the write fails quietly and its exit becomes the run's error.
    public Task WriteInputAsync(CancellationToken cancellationToken) =>
        input is null ? Task.CompletedTask : held.Process.Command.WriteInputAsync(input, close: false, cancellationToken);

    public Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit) => held.ReleaseAsync(answeredCleanly, naturalExit);
}
