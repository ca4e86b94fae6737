using Wrapper.Server.Providers;

namespace Wrapper.Server.Processes;

/// <summary>
/// A CLI process lent to one request, however it started: the request writes its input,
/// reads the process's output, and gives it back, saying whether it answered cleanly. What happens
/// then (the process ends, or is reset and waits for another request) is the lender's rule alone.
/// </summary>
internal interface ICliLease
{
    CliProcess Process { get; }

    /// <summary>How it was started: its arguments' resources, tool names and failure watch.</summary>
    CliInvocation Invocation { get; }

    CliStart Start { get; }

    /// <summary>How the conversation's earlier turns reached the process.</summary>
    HistoryMode History => HistoryMode.Fresh;

    /// <summary>Gives the process this request's input (a cold process got it at its start: nothing more).</summary>
    Task WriteInputAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The request is done with the process. <paramref name="answeredCleanly"/>: it printed a whole
    /// answer and waits for its next input; <paramref name="naturalExit"/>: how long it may take to
    /// exit by itself before it is stopped.
    /// </summary>
    Task ReleaseAsync(bool answeredCleanly, TimeSpan naturalExit);
}
