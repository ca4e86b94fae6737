using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>
/// Reconstruction for Gemini CLI (docs/cli/REPORT.md §11 "Gemini CLI"): the earlier turns become a
/// session file in the sandbox (<see cref="GeminiSessionFile"/>), which <c>--session-file</c> loads, so the
/// model gets them as its own contents; the latest user input (or, after tool results alone, the
/// note) is the prompt. What the CLI puts before them, its <c>&lt;session_context&gt;</c>, is kept the same
/// from request to request: no folder listing, and a home named relative to the working directory.
/// </summary>
internal sealed partial class GeminiProvider : IResumableProvider
{
    /// <summary>
    /// True with an earlier assistant turn, unless a user turn starts like a slash command or <c>?</c>:
    /// the CLI would drop it from the history, or run it as a command when it is the prompt. Such a
    /// conversation goes as a transcript, which keeps it whole.
    /// </summary>
    public bool HasHistory(CompletionRequest request) =>
        ResumedConversation.HasHistory(request) && !request.Messages.Any(GeminiSessionFile.IsDroppedByCli);

    public CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox) =>
        Build(request, sandbox, ResumedConversation.Of(request.Messages));

    /// <summary>Writes the session, adds <c>--session-file</c> to <paramref name="arguments"/> and returns the prompt.</summary>
    private static string Resume(CompletionRequest request, Sandbox sandbox, ResumedConversation resumed, McpToolOffer? tools, List<string> arguments)
    {
        var cliName = ResumedConversation.CliToolNames(tools?.ToolNames, McpToolPrefix);
        var session = GeminiSessionFile.Render(
            ResumedConversation.SessionId(ProviderName, request), resumed.EarlierWithNotes(), cliName, DateTimeOffset.UtcNow);
        // Read once at start-up: the CLI copies it into its own chats folder in the sandbox's home.
        arguments.AddRange(["--session-file", sandbox.WriteFile("session.jsonl", session)]);
        var images = ImageFiles.Write(request.Images, sandbox).Select(name => "@" + name).ToList();
        var text = TranscriptBuilder.Latest(resumed.Latest, images);
        return text.Length > 0 ? text : ResumedConversation.ContinueNote;
    }
}
