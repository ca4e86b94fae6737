using Wrapper.Server.Core;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A request read as the next turn of a held conversation: the conversation up to and including the
/// last assistant message, the tool results for its tool calls, and what the client added after them
/// (Roo Code and Cline add a user message with environment details or the images of a tool's result:
/// docs/clients/REPORT.md §1.3). After a plain answer (no tool calls) there are no results and the
/// added user messages are the new turn.
/// </summary>
internal sealed record HeldConversation(
    IReadOnlyList<ConversationMessage> UpToAssistant,
    IReadOnlyList<ConversationMessage> ToolResults,
    IReadOnlyList<ConversationMessage> After)
{
    /// <summary>Null when the request does not end with tool results after an assistant's tool calls.</summary>
    public static HeldConversation? Read(IReadOnlyList<ConversationMessage> messages)
    {
        var assistant = -1;
        for (var i = messages.Count - 1; i >= 0 && assistant < 0; i--)
            if (messages[i].Role == ConversationRole.Assistant) assistant = i;
        if (assistant < 0 || messages[assistant].ToolCalls.Count == 0) return null;
        var results = messages.Skip(assistant + 1).TakeWhile(m => m.Role == ConversationRole.Tool).ToList();
        var after = messages.Skip(assistant + 1 + results.Count).ToList();
        if (results.Count == 0 || after.Any(m => m.Role != ConversationRole.User)) return null;
        return new HeldConversation([.. messages.Take(assistant + 1)], results, after);
    }

    /// <summary>The next turn after tool calls (<see cref="Read"/>) or after a plain answer (<see cref="ReadFollowUp"/>); null when neither.</summary>
    public static HeldConversation? ReadNext(IReadOnlyList<ConversationMessage> messages) => Read(messages) ?? ReadFollowUp(messages);

    /// <summary>Null when the request does not end with user messages after an assistant's plain answer.</summary>
    public static HeldConversation? ReadFollowUp(IReadOnlyList<ConversationMessage> messages)
    {
        var assistant = -1;
        for (var i = messages.Count - 1; i >= 0 && assistant < 0; i--)
            if (messages[i].Role == ConversationRole.Assistant) assistant = i;
        if (assistant < 0 || messages[assistant].ToolCalls.Count > 0 || assistant == messages.Count - 1) return null;
        var after = messages.Skip(assistant + 1).ToList();
        if (after.Any(m => m.Role != ConversationRole.User)) return null;
        return new HeldConversation([.. messages.Take(assistant + 1)], [], after);
    }

    /// <summary>True when there is exactly one result for each of <paramref name="callIds"/> and no other.</summary>
    public bool AnswersExactly(IReadOnlyCollection<string> callIds) =>
        ToolResults.Count == callIds.Count
        && ToolResults.Select(r => r.ToolCallId ?? "").ToHashSet(StringComparer.Ordinal).SetEquals(callIds);
}
