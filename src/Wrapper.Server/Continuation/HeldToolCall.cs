using Wrapper.Server.Core;

namespace Wrapper.Server.Continuation;

/// <summary>One of the model's tool calls in a held turn: the id and name the client got, and the arguments as JSON.</summary>
internal sealed record HeldToolCall(string Id, string ClientName, string Arguments)
{
    /// <summary>An assistant message's tool calls, in order, their arguments in canonical JSON (<see cref="ConversationDigest.CanonicalArguments"/>).</summary>
    public static List<HeldToolCall> Of(IEnumerable<HistoryToolCall> calls) =>
        [.. calls.Select(c => new HeldToolCall(c.Id ?? "", c.Name ?? "", ConversationDigest.CanonicalArguments(c.Arguments)))];
}
