using Wrapper.Server.Providers;

namespace Wrapper.Server.Processes;

/// <summary>A process started for its request alone, with its input already on stdin: it ends with the request.</summary>
internal sealed class ColdCliLease(CliProcess process, CliInvocation invocation, TimeSpan killGracePeriod, HistoryMode history = HistoryMode.Fresh) : ICliLease
{
    public CliProcess Process => process;
    public CliInvocation Invocation => invocation;
    public CliStart Start => CliStart.Cold;
    public HistoryMode History => history;

    public Task WriteInputAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit) => process.EndAsync(naturalExit, killGracePeriod);
}
