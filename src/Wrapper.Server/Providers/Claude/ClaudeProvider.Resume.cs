using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// Reconstruction for Claude Code (docs/cli/RESUME-CLAUDE.md): the earlier turns become a session file in
/// the request's own config folder, and <c>--resume</c> sends them upstream as native turns. A
/// conversation that ends with a user message gives that message as the input; one that ends with the
/// result of the model's one tool call marks that call deferred and gives no input: Claude Code calls
/// the tool again, the gateway answers with the client's result, and the model goes on from it.
/// </summary>
internal sealed partial class ClaudeProvider : IResumableProvider
{
    public bool HasHistory(CompletionRequest request)
    {
        var messages = request.Messages;
        if (!messages.Any(m => m.Role == ConversationRole.Assistant)) return false;
        return messages[^1].Role == ConversationRole.User || ReplaysLastToolCall(request);
    }

    /// <summary>
    /// Claude Code resumes one deferred call; a turn of several parallel calls is served as a
    /// transcript unless a held process continues it.
    /// </summary>
    public bool ReplaysLastToolCall(CompletionRequest request)
    {
        var messages = request.Messages;
        var last = messages.ToList().FindLastIndex(m => m.Role == ConversationRole.Assistant);
        if (last < 0 || messages[last].ToolCalls is not [{ Id: { } id, Name: { } name }]) return false;
        var rest = messages.Skip(last + 1).ToList();
        return rest is [{ Role: ConversationRole.Tool } result, ..] && result.ToolCallId == id
            && rest.Skip(1).All(m => m.Role == ConversationRole.User)
            && request.OfferedTools.Any(t => t.Name == name);
    }

    public CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox) =>
        BuildResumedInvocation(request, sandbox, new HashSet<int>());

    public CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox, IReadOnlySet<int> resumedAfter)
    {
        var invocation = Build(request, sandbox, persistent: false);
        var replays = ReplaysLastToolCall(request);
        var messages = request.Messages;
        var lastAssistant = messages.ToList().FindLastIndex(m => m.Role == ConversationRole.Assistant);
        var cliName = ResumedConversation.CliToolNames(invocation.ToolNames, McpToolPrefix);

        var workingDirectory = invocation.WorkingDirectory!;
        var session = new ClaudeSessionFile(Guid.NewGuid().ToString(), workingDirectory);
        var context = ClaudeSessionContext.Attachments(workingDirectory, CliModel(request), configuration["PATH"], DateTime.Now);
        // With the call deferred, its result (and what the client added after it) is the CLI's to fetch.
        session.AddConversation([.. messages.Take(lastAssistant + 1)], context, cliName, resumedAfter);
        if (replays) session.AddDeferredCall(messages[lastAssistant].ToolCalls[0], cliName(messages[lastAssistant].ToolCalls[0].Name!));
        var sessionFolder = CliHome.Directory(invocation.EnvironmentOverrides["CLAUDE_CONFIG_DIR"], Path.Combine("projects", EntryName(workingDirectory)));
        CliHome.WriteFile(Path.Combine(sessionFolder, session.SessionId + ".jsonl"), session.Text);

        // With the call deferred, its result (and what the client added after it) is the CLI's to fetch.
        if (replays) return invocation with { Arguments = [.. invocation.Arguments, "--resume", session.SessionId], StandardInput = "" };
        return invocation with
        {
            Arguments = [.. invocation.Arguments, "--resume", session.SessionId, "--input-format", "stream-json"],
            StandardInput = FollowUpInput(request, [.. messages.Skip(lastAssistant + 1)]),
        };
    }

    /// <summary>
    /// The new user turn as one stream-json user message: the messages' texts a blank line apart, then
    /// the request's new images. The same for a resumed process and a held one (Continuation/HeldTurns),
    /// so a turn reaches the model alike whichever way it is served.
    /// </summary>
    public bool TakesFollowUps => true;

    public string FollowUpInput(CompletionRequest request, IReadOnlyList<ConversationMessage> newMessages) =>
        ClaudeStreamInput.UserMessage(string.Join("\n\n", newMessages.Select(m => m.Text).Where(t => t.Length > 0)), request.Images);
}
