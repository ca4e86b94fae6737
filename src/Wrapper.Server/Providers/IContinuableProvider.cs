using Wrapper.Server.Core;

namespace Wrapper.Server.Providers;

/// <summary>
/// A CLI whose process, stopped at its tool calls (held at the gateway's MCP endpoint), can carry on
/// once the calls are answered: its agent loop sends the results upstream as native tool results.
/// </summary>
internal interface IContinuableProvider
{
    /// <summary>
    /// A parser for the output of a process that continues after its tool calls were answered: what
    /// is left in its output from the previous turn is skipped, and its usage is this turn's alone.
    /// </summary>
    ICliOutputParser CreateContinuationParser();

    /// <summary>True when a persistent process that answered plainly can take the next user turn (<see cref="FollowUpInput"/>).</summary>
    bool TakesFollowUps { get; }

    /// <summary>
    /// The input that gives a process which answered plainly and waits on its stdin (a persistent
    /// CLI) the conversation's next user turn: <paramref name="newMessages"/> (the user messages after
    /// the answer) with the request's new images. Only asked of a CLI that <see cref="TakesFollowUps"/>.
    /// </summary>
    string FollowUpInput(CompletionRequest request, IReadOnlyList<ConversationMessage> newMessages);
}
