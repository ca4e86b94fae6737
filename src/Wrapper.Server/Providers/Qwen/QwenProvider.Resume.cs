using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Reconstruction for Qwen Code (docs/cli/REPORT.md §11, "Qwen Code (0.24.4)"): the earlier turns become
/// a chat recording in the request's own QWEN_HOME (<see cref="QwenSession"/>), and <c>--resume</c> sends
/// them upstream as Chat Completions messages: assistant <c>tool_calls</c> and <c>tool</c> results under the
/// client's ids, real user and assistant turns. The latest user text (or the note after tool results) is
/// the prompt on stdin.
/// </summary>
internal sealed partial class QwenProvider : IResumableProvider
{
    /// <summary>The folder every run without new images works in (<see cref="SharedWorkDirectory"/>).</summary>
    private const string SharedFolder = "qwen-work";

    public bool HasHistory(CompletionRequest request) => ResumedConversation.HasHistory(request);

    public CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox) =>
        Build(request, sandbox, ResumedConversation.Of(request.Messages));

    /// <summary>Writes the session, adds the arguments that resume it, and returns the prompt.</summary>
    private string Resume(CompletionRequest request, Sandbox sandbox, ResumedConversation resumed, string qwenHome, string workDirectory,
        McpToolOffer? tools, List<string> arguments)
    {
        var session = QwenSession.Id(ResumedConversation.SessionId(Name, request));
        QwenSession.Write(qwenHome, session, workDirectory, resumed.EarlierWithNotes(),
            ResumedConversation.CliToolNames(tools?.ToolNames, McpToolPrefix), DateTimeOffset.Now);
        arguments.AddRange(["--resume", session.ToString()]);
        var text = TranscriptBuilder.Latest(resumed.Latest, [.. ImageFiles.Write(request.Images, sandbox).Select(name => "@" + name)]);
        return text.Length > 0 ? text : ResumedConversation.ContinueNote;
    }

    /// <summary>
    /// The shared folder, so the startup context the CLI puts before the first message (which names the
    /// working directory and lists its files) is the same on every turn; a run with new images works in
    /// its sandbox, where the images are files the prompt names as <c>@image-001.png</c>.
    /// </summary>
    private static string WorkDirectory(CompletionRequest request, Sandbox sandbox)
    {
        if (request.Images.Count > 0) return sandbox.WorkDirectory;
        var shared = SharedWorkDirectory.For(sandbox.Root, SharedFolder);
        QwenOutputLanguage.Provide(shared, sandbox.TempDirectory);
        return shared;
    }
}
