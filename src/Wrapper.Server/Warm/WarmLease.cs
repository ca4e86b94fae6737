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
    public CliProcess Process => process.Process;
    public CliInvocation Invocation => process.Invocation;
    public CliStart Start => start;

    // If the process died meanwhile the write fails quietly and its exit becomes the run's error.
    public Task WriteInputAsync(CancellationToken cancellationToken) =>
        process.Process.Command.WriteInputAsync(input, close: lastUse, cancellationToken);

    public Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit) => pool.ReleaseAsync(process, answeredCleanly, naturalExit);
}
