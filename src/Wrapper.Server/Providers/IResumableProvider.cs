using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// Implemented by providers whose CLI can resume a conversation written in its own session format
/// (Claude Code's session files and <c>--resume</c>, and each other CLI's equivalent), so that a turn
/// that cannot be continued on a held process still reaches the model as native history: its own
/// earlier assistant turns, tool calls and tool results, not a transcript in one user message.
/// </summary>
internal interface IResumableProvider
{
    /// <summary>True when the request has earlier turns to resume (an assistant turn, or tool calls and results).</summary>
    bool HasHistory(CompletionRequest request);

    /// <summary>
    /// Writes the request's earlier turns as the CLI's session (inside <paramref name="sandbox"/>, or in
    /// a folder the <see cref="SessionJanitor"/> cleans) and returns the invocation that resumes it with
    /// the request's last turn as its input.
    /// </summary>
    CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox);

    /// <summary>
    /// The same, knowing which earlier turns a resumed CLI served by fetching their last tool result
    /// itself (<see cref="ReplaysLastToolCall"/>): <paramref name="resumedAfter"/> holds the index of
    /// the last message of each such turn's request, so the session repeats what that CLI sent upstream.
    /// </summary>
    CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox, IReadOnlySet<int> resumedAfter) =>
        BuildResumedInvocation(request, sandbox);

    /// <summary>
    /// True when the resumed CLI itself calls the request's last tool call again (Claude Code's deferred
    /// tool): the gateway answers that <c>tools/call</c> with the client's result, so the result reaches
    /// the model as the CLI's own native tool result (Continuation/SessionReconstruction).
    /// </summary>
    bool ReplaysLastToolCall(CompletionRequest request) => false;

    /// <summary>A fresh parser for a resumed run's output (the same as a fresh run's unless the CLI replays the session).</summary>
    ICliOutputParser CreateResumedParser() => ((ICliProvider)this).CreateParser();
}
