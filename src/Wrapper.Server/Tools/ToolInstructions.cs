using System.Text;
using Wrapper.Server.Core;

namespace Wrapper.Server.Tools;

/// <summary>
/// What the CLIs have no switch for, said to the model in the system prompt: that a tool must be
/// called (<c>tool_choice: required</c> or a named function) and that only one call is wanted
/// (<c>parallel_tool_calls: false</c>), and, for clients that want tool uses as XML tags in the
/// text, that exactly one is wanted. The gateway also enforces the one-call rule on the way out.
/// </summary>
internal static class ToolInstructions
{
    /// <summary>Said when the XML detector fired; the client's own prompt describes the tags.</summary>
    internal const string XmlFormat =
        "Answer with exactly one tool use, written in the XML tag format the instructions above define " +
        "(the tool name as the outer tag, each parameter as a nested tag), and write nothing after it.";

    public static string? For(CompletionRequest request)
    {
        if (request.ExpectsXmlTools) return XmlFormat;
        if (request.OfferedTools.Count == 0) return null;
        var text = new StringBuilder();
        switch (request.ToolChoice.Mode)
        {
            case ToolChoiceMode.Required:
                text.Append("You must answer by calling one of the available tools.");
                break;
            case ToolChoiceMode.Function:
                text.Append("You must answer by calling the tool ").Append(request.ToolChoice.FunctionName).Append('.');
                break;
        }
        if (!request.ParallelToolCalls) text.Append(text.Length > 0 ? " " : "").Append("Call at most one tool in your reply.");
        return text.Length > 0 ? text.ToString() : null;
    }
}
