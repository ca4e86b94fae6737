using ModelContextProtocol.Protocol;
using Wrapper.Server.Images;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Continuation;

/// <summary>
/// Answers a held turn's <c>tools/call</c> requests with the client's results. Claude Code sends a
/// turn's calls to an MCP server one after the other (each once the previous one is answered) or
/// all at once; either way each arriving call takes the first unanswered call of the model's with
/// its tool name and arguments. What the client added after the results (a user message) travels
/// with the last call's result, so the model reads it before it answers.
/// </summary>
internal static class ToolResultAnswers
{
    public static Func<McpToolCall, bool> For(HeldTurn turn, HeldConversation next, IReadOnlyList<PreparedImage> images) =>
        For(turn.Calls, turn.Tools!, next, images);

    /// <summary>The answers to <paramref name="calls"/> (the model's, as the client got them) on <paramref name="tools"/>.</summary>
    public static Func<McpToolCall, bool> For(IReadOnlyList<HeldToolCall> calls, McpToolSession tools, HeldConversation next, IReadOnlyList<PreparedImage> images)
    {
        var results = next.ToolResults.ToDictionary(r => r.ToolCallId!, r => r.Text, StringComparer.Ordinal);
        var clientNames = tools.Tools.ToDictionary(t => t.Name, t => t.Spec.Name, StringComparer.Ordinal);
        var lastId = calls[^1].Id;
        var unanswered = new List<HeldToolCall>(calls);
        var gate = new Lock();
        return call =>
        {
            if (!clientNames.TryGetValue(call.ToolName, out var name)) return false;
            var arguments = call.Arguments.ToJsonString();
            HeldToolCall? match;
            lock (gate)
            {
                match = unanswered.FirstOrDefault(c => c.ClientName == name && c.Arguments == arguments)
                    ?? unanswered.FirstOrDefault(c => c.ClientName == name);
                if (match is null) return false;
                unanswered.Remove(match);
            }
            var last = match.Id == lastId;
            call.Answer(Result(results[match.Id], last ? [.. next.After.Select(m => m.Text)] : [], last ? images : []));
            return true;
        };
    }

    /// <summary>An MCP <c>CallToolResult</c>: text blocks (never empty ones, which the Anthropic API refuses), then images.</summary>
    private static CallToolResult Result(string text, IReadOnlyList<string> addedTexts, IReadOnlyList<PreparedImage> images)
    {
        var content = new List<ContentBlock>();
        foreach (var part in (IEnumerable<string>)[text, .. addedTexts])
            if (part.Length > 0) content.Add(new TextContentBlock { Text = part });
        foreach (var image in images)
            content.Add(ImageContentBlock.FromBytes(image.Bytes, image.MediaType));
        return new CallToolResult { Content = content, IsError = false };
    }
}
