using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Continuation;

/// <summary>
/// The way to native history when no held process can continue a conversation (a restart, another
/// instance, a held process gone): the provider writes the earlier turns in its CLI's session format
/// and a new process resumes them. Such a turn starts cold: a ready process cannot be given a session
/// after its start. Off with HISTORY_RECONSTRUCTION=false (earlier turns then travel as a transcript).
/// </summary>
internal sealed class SessionReconstruction(CliLauncher launcher, IOptions<ExecutionOptions> execution, IOptions<HeldTurnOptions> options)
{
    /// <summary>A lease on a process that resumes the request's earlier turns; null when the provider cannot or there are none.</summary>
    public async Task<ICliLease?> TryLeaseAsync(ICliProvider provider, CompletionRequest request)
    {
        if (!options.Value.Reconstruct || provider is not IResumableProvider resumable || !resumable.HasHistory(request)) return null;
        var launch = new CliLaunch(provider.Name, provider.Executable, sandbox => Build(resumable, request, sandbox), KeepsInputOpen: false);
        var (process, invocation) = await launcher.LaunchAsync(launch);
        return new ColdCliLease(process, invocation, execution.Value.KillGracePeriod, HistoryMode.Reconstructed);
    }

    private static CliInvocation Build(IResumableProvider resumable, CompletionRequest request, Sandbox sandbox)
    {
        var invocation = resumable.BuildResumedInvocation(request, sandbox);
        // The resumed CLI calls the last tool again: answered at once with the client's result (set
        // before the process starts, so that call never ends the turn).
        if (resumable.ReplaysLastToolCall(request) && invocation.ToolSession is { } tools && HeldConversation.Read(request.Messages) is { } next)
        {
            tools.NextTurn(ToolResultAnswers.For(HeldToolCall.Of(next.UpToAssistant[^1].ToolCalls), tools, next, request.Images));
        }
        return invocation;
    }
}
