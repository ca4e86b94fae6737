using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// A CLI that can be started before its request arrives and given the request's input later
/// (docs/cli/REPORT.md §6): the start-up then runs ahead of the request. Implemented by providers whose
/// CLI initialises before it reads stdin; a warm pool keys its processes by
/// <see cref="Core.CompletionRequest"/>'s spawn-fixed fields.
/// </summary>
internal interface IWarmStartProvider
{
    /// <summary>
    /// True when one process may serve several requests of the same key in turn (a persistent input
    /// mode with a reset between requests); false when each pre-started process serves one request.
    /// </summary>
    bool ReusesProcesses { get; }

    /// <summary>False when something of this request is fixed in argv or files (e.g. per-request attachments).</summary>
    bool CanStartWarm(CompletionRequest request);

    /// <summary>Arguments, environment and files of a process that reads its requests from stdin later.</summary>
    CliInvocation BuildWarmInvocation(CompletionRequest request, Sandbox sandbox);

    /// <summary>What one request writes to the waiting process's stdin.</summary>
    string TurnInput(CompletionRequest request);

    /// <summary>Written after a request to forget it, before the process serves another (reused processes only).</summary>
    string ResetInput { get; }

    /// <summary>
    /// Reads the output that follows <see cref="ResetInput"/>, line by line: null while the reset is
    /// still going, then true when the CLI confirmed a clean reset, false for anything unexpected.
    /// </summary>
    bool? ReadResetLine(string line);
}
