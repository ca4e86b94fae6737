using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Images;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// A conversation's earlier turns as a Claude Code session file (<c>projects/&lt;cwd&gt;/&lt;uuid&gt;.jsonl</c>
/// in its config folder), which <c>--resume</c> sends upstream as native turns: user messages with
/// their images, the assistant's text and <c>tool_use</c> blocks under their own ids, and the tool
/// results as <c>tool_result</c> blocks (docs/cli/RESUME-CLAUDE.md). Each record links to the one before
/// through <c>parentUuid</c>; the shapes are those Claude Code itself writes and sends, so that a
/// resumed request repeats a continued one byte for byte.
/// </summary>
internal sealed class ClaudeSessionFile(string sessionId, string workingDirectory)
{
    private readonly StringBuilder _lines = new();
    private readonly string _timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    private string? _parent;

    /// <summary>
    /// What Claude Code 2.1.332 sends after a deferred tool's result when it resumes a session without a
    /// prompt (<c>CLAUDE_CODE_RESUME_PROMPT</c>, which the child environment never sets): a text block
    /// beside the <c>tool_result</c> (docs/cli/RESUME-CLAUDE.md).
    /// </summary>
    public const string ResumePrompt = "Continue from where you left off.";

    public string SessionId => sessionId;

    public string Text => _lines.ToString();

    /// <summary>
    /// Writes <paramref name="messages"/>: a user message that follows tool results travels inside the
    /// last result (as the continued process got it: Continuation/ToolResultAnswers); the context
    /// attachments follow the first user message.
    /// </summary>
    /// <param name="cliToolName">The name Claude Code gives a client's tool (e.g. <c>mcp__w__read_file</c>).</param>
    /// <param name="resumedAfter">
    /// Indices of the last message of earlier turns whose results a resumed Claude Code fetched itself:
    /// it sent its <see cref="ResumePrompt"/> after them, and so does this session.
    /// </param>
    public void AddConversation(IReadOnlyList<ConversationMessage> messages, IEnumerable<JsonObject> contextAttachments, Func<string, string> cliToolName,
        IReadOnlySet<int>? resumedAfter = null)
    {
        var attachments = contextAttachments.ToList();
        JsonArray? results = null;
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            switch (message.Role)
            {
                case ConversationRole.Tool:
                    results ??= [];
                    results.Add(ToolResult(message.ToolCallId ?? "", [message.Text]));
                    break;
                case ConversationRole.User when results is not null:
                    foreach (var block in UserContent(message)) LastResultContent(results).Add(block!.DeepClone());
                    break;
                case ConversationRole.User:
                    AddMessage("user", UserContent(message));
                    foreach (var attachment in attachments) AddAttachment(attachment);
                    attachments.Clear();
                    break;
                case ConversationRole.Assistant:
                    if (results is not null && resumedAfter?.Contains(index - 1) == true) results.Add(TextBlock(ResumePrompt));
                    Flush(ref results);
                    AddMessage("assistant", AssistantContent(message, cliToolName));
                    break;
            }
        }
        Flush(ref results);
    }

    /// <summary>
    /// Marks the last tool call as deferred (Claude Code's record for a tool a hook held back): resumed
    /// without a prompt, Claude Code runs it (a <c>tools/call</c> the gateway answers with the client's
    /// result) and the model goes on from its native <c>tool_result</c>.
    /// </summary>
    public void AddDeferredCall(HistoryToolCall call, string cliName) => AddAttachment(new JsonObject
    {
        ["type"] = "hook_deferred_tool",
        ["toolUseID"] = call.Id,
        ["toolName"] = cliName,
        ["toolInput"] = Input(call.Arguments),
        ["hookName"] = "gateway",
        ["hookEvent"] = "PreToolUse",
        ["permissionMode"] = "default",
    });

    private void Flush(ref JsonArray? results)
    {
        if (results is null) return;
        AddMessage("user", results);
        results = null;
    }

    private static JsonArray LastResultContent(JsonArray results) => results[^1]!["content"]!.AsArray();

    /// <summary>A tool_result block as Claude Code builds it from an MCP result: its non-empty texts, in order.</summary>
    private static JsonObject ToolResult(string id, IEnumerable<string> texts)
    {
        var content = new JsonArray();
        foreach (var text in texts)
            if (text.Length > 0) content.Add(TextBlock(text));
        return new JsonObject { ["tool_use_id"] = id, ["type"] = "tool_result", ["content"] = content };
    }

    private static JsonArray UserContent(ConversationMessage message)
    {
        var content = new JsonArray();
        if (message.Text.Length > 0) content.Add(TextBlock(message.Text));
        foreach (var image in message.Images)
            if (ImageBlock(image.Url) is { } block) content.Add(block);
        return content;
    }

    private static JsonArray AssistantContent(ConversationMessage message, Func<string, string> cliToolName)
    {
        var content = new JsonArray();
        if (message.Text.Trim().Length > 0) content.Add(TextBlock(message.Text));
        foreach (var call in message.ToolCalls)
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = cliToolName(call.Name ?? ""), ["input"] = Input(call.Arguments) });
        return content;
    }

    private static JsonObject TextBlock(string text) => new() { ["type"] = "text", ["text"] = text };

    /// <summary>An earlier image the client sent inline (a data URL) as a base64 image block; others are not fetched again.</summary>
    private static JsonObject? ImageBlock(string url)
    {
        if (!Base64DataUrl.TryParse(url, out var mediaType, out var data)) return null;
        return new JsonObject
        {
            ["type"] = "image",
            ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = mediaType, ["data"] = url[data..] },
        };
    }

    private static JsonNode Input(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return new JsonObject();
        try
        {
            return JsonNode.Parse(arguments) is JsonObject input ? input : new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }

    private void AddMessage(string role, JsonArray content)
    {
        var message = role == "assistant"
            ? new JsonObject
            {
                ["id"] = "msg_" + Guid.NewGuid().ToString("N"), ["type"] = "message", ["role"] = role, ["model"] = "<resumed>",
                ["content"] = content, ["stop_reason"] = null, ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0 },
            }
            : new JsonObject { ["role"] = role, ["content"] = content };
        Add(role, "message", message);
    }

    private void AddAttachment(JsonObject attachment) => Add("attachment", "attachment", attachment);

    private void Add(string type, string field, JsonObject value)
    {
        var uuid = Guid.NewGuid().ToString();
        var record = new JsonObject
        {
            ["parentUuid"] = _parent,
            ["isSidechain"] = false,
            ["type"] = type,
            [field] = value,
            ["uuid"] = uuid,
            ["timestamp"] = _timestamp,
            ["cwd"] = workingDirectory,
            ["sessionId"] = sessionId,
            ["userType"] = "external",
        };
        _lines.Append(record.ToJsonString()).Append('\n');
        _parent = uuid;
    }
}
