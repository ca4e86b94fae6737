using Wrapper.Server.Configuration;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Core;

/// <summary>
/// What can end a run early: the request's own token (a client disconnect, or the end of the shutdown
/// grace), the configured limits, the provider's watch on the CLI (<see cref="ICliFailureWatch"/>),
/// and the CLI starting to run one of the client's tools (<see cref="Tools.McpToolSession.ToolCalled"/>).
/// </summary>
internal sealed record RunLimits(ExecutionOptions Options, TimeProvider Time, CancellationToken RequestAborted, ICliFailureWatch? FailureWatch = null)
{
    public CancellationToken ToolCalled { get; init; }

    /// <summary>The limits of a run of <paramref name="invocation"/>: its failure watch and its tool session's signal.</summary>
    public static RunLimits For(ExecutionOptions options, TimeProvider time, CancellationToken requestAborted, CliInvocation invocation) =>
        new(options, time, requestAborted, invocation.FailureWatch)
        {
            ToolCalled = invocation.ToolSession?.ToolCalled ?? CancellationToken.None,
        };
}
