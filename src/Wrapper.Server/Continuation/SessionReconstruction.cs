using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// The way to native history when no held process can continue a conversation (a restart, another
/// instance, a held process gone): the provider writes the earlier turns in its CLI's session format
/// and a new process resumes them. Such a turn starts cold: a ready process cannot be given a session
/// after its start. Off with HISTORY_RECONSTRUCTION=false (earlier turns then travel as a transcript).
/// </summary>
internal sealed class SessionReconstruction(CliLauncher launcher, IOptions<ExecutionOptions> execution, IOptions<HeldTurnOptions> options)
{
    private readonly ReplayedTurns _replayed = new();

    /// <summary>A lease on a process that resumes the request's earlier turns; null when the provider cannot or there are none.</summary>
    public async Task<ICliLease?> TryLeaseAsync(ICliProvider provider, CompletionRequest request)
    {
        if (!WouldServe(provider, request)) return null;
        var resumable = (IResumableProvider)provider;
        var digests = ConversationDigest.Prefixes(WarmKey.For(provider.Name, request), request.Messages);
        // Earlier turns whose results a resumed CLI fetched itself are written as it sent them upstream.
        var resumedAfter = Enumerable.Range(0, digests.Count).Where(i => _replayed.Contains(digests[i])).ToHashSet();
        var launch = new CliLaunch(provider.Name, provider.Executable, sandbox => Build(resumable, request, sandbox, resumedAfter), KeepsInputOpen: false);
        var (process, invocation) = await launcher.LaunchAsync(launch);
        if (resumable.ReplaysLastToolCall(request)) _replayed.Remember(digests[^1]);
        return new ColdCliLease(process, invocation, execution.Value.KillGracePeriod, HistoryMode.Reconstructed);
    }

    /// <summary>True when <see cref="TryLeaseAsync"/> would resume the request's earlier turns in a new process.</summary>
    public bool WouldServe(ICliProvider provider, CompletionRequest request) =>
        options.Value.Reconstruct && provider is IResumableProvider resumable && resumable.HasHistory(request);

    private static CliInvocation Build(IResumableProvider resumable, CompletionRequest request, Sandbox sandbox, IReadOnlySet<int> resumedAfter)
    {
        var invocation = resumable.BuildResumedInvocation(request, sandbox, resumedAfter);
        // The resumed CLI calls the last tool again: answered at once with the client's result (set
        // before the process starts, so that call never ends the turn).
        if (resumable.ReplaysLastToolCall(request) && invocation.ToolSession is { } tools && HeldConversation.Read(request.Messages) is { } next)
            tools.NextTurn(ToolResultAnswers.For(HeldToolCall.Of(next.UpToAssistant[^1].ToolCalls), tools, next, request.Images));
        return invocation;
    }
}
