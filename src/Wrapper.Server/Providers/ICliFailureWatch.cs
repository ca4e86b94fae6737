using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers;

/// <summary>
/// Learns of a run's failure from outside the CLI's output, when the CLI itself would report it only
/// much later (Qwen Code retries upstream errors for minutes and shows each attempt only in its debug
/// log). When it knows, <see cref="Failure"/> is set and <see cref="Failed"/> is cancelled: the run
/// ends with that error and the CLI is stopped.
/// </summary>
internal interface ICliFailureWatch : IDisposable
{
    CancellationToken Failed { get; }

    GatewayError? Failure { get; }
}
