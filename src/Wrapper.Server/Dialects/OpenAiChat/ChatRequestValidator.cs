using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Core;
using System.Text;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// Turns the wire body into a <see cref="CompletionRequest"/>, or a 400 that names the field
/// (<c>param</c> in the error, e.g. <c>messages[2].role</c>).
/// </summary>
internal static class ChatRequestValidator
{
    public static CompletionRequest Validate(ChatCompletionRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
            throw Invalid("'model' is required: a model id such as 'claude-sonnet-4-5' (see GET /v1/models).", "model");
        if (body.Messages is not { Count: > 0 })
            throw Invalid("'messages' must be a non-empty array of messages.", "messages");

        SamplingLimits.Check(body);

        var system = new StringBuilder();
        var conversation = new List<ConversationMessage>();
        for (var i = 0; i < body.Messages.Count; i++)
        {
            var message = body.Messages[i] ?? throw Invalid($"messages[{i}] must be an object.", $"messages[{i}]");
            var parts = message.Content?.Parts ?? [];
            CheckParts(parts, i);
            var text = message.Content?.Text ?? "";
            switch (message.Role)
            {
                case "system" or "developer":
                    if (system.Length > 0) system.Append("\n\n");
                    system.Append(text);
                    break;
                case "user":
                    conversation.Add(new ConversationMessage(ConversationRole.User, text) { Name = message.Name, Images = ImagesOf(parts, i) });
                    break;
                case "assistant":
                    CheckNoNulls(message.ToolCalls, $"messages[{i}].tool_calls", "a tool call object");
                    conversation.Add(new ConversationMessage(ConversationRole.Assistant, text) { ToolCalls = [.. (message.ToolCalls ?? []).Select(c => new HistoryToolCall(c.Id, c.Function?.Name, c.Function?.Arguments))] });
                    break;
                case "tool":
                    conversation.Add(new ConversationMessage(ConversationRole.Tool, text) { ToolCallId = message.ToolCallId });
                    break;
                case null:
                    throw Invalid($"messages[{i}].role is required.", $"messages[{i}].role");
                default:
                    throw Invalid($"messages[{i}].role '{message.Role}' is not one of system, developer, user, assistant, tool.", $"messages[{i}].role");
            }
        }
        if (!conversation.Any(m => m.Role is ConversationRole.User or ConversationRole.Tool))
            throw Invalid("'messages' must contain at least one user (or tool) message.", "messages");

        CheckNoNulls(body.Tools, "tools", "a tool object such as {\"type\":\"function\",\"function\":{\"name\":\"...\"}}");
        var tools = ToolRequestParser.ParseTools(body.Tools ?? []);
        return new CompletionRequest
        {
            Model = body.Model.Trim(),
            SystemPrompt = system.Length > 0 ? system.ToString() : null,
            Messages = conversation,
            Stream = body.Stream ?? false,
            IncludeUsage = body.StreamOptions?.IncludeUsage ?? false,
            MaxOutputTokens = PositiveOrNull(body.MaxCompletionTokens) ?? PositiveOrNull(body.MaxTokens),
            Temperature = body.Temperature,
            Tools = tools,
            ToolChoice = ToolRequestParser.ParseChoice(body.ToolChoice, tools),
            ParallelToolCalls = body.ParallelToolCalls ?? true,
        };
    }

    private static void CheckParts(IReadOnlyList<ContentPart> parts, int messageIndex)
    {
        for (var j = 0; j < parts.Count; j++)
        {
            var param = $"messages[{messageIndex}].content[{j}]";
            switch (parts[j].Type)
            {
                case ContentPart.TextType when parts[j].Text is null:
                    throw Invalid($"{param}.text is required for a text part.", $"{param}.text");
                case ContentPart.TextType:
                    break;
                case ContentPart.ImageUrlType when string.IsNullOrEmpty(parts[j].ImageUrl?.Url):
                    throw Invalid($"{param}.image_url.url is required for an image part.", $"{param}.image_url");
                case ContentPart.ImageUrlType:
                    break;
                default:
                    throw Invalid($"{param}.type '{parts[j].Type}' is not supported; use 'text' or 'image_url'.", $"{param}.type");
            }
        }
    }

    /// <summary>A null element of an array of objects is the client's error, not the gateway's.</summary>
    private static void CheckNoNulls<T>(IReadOnlyList<T?>? items, string param, string what) where T : class
    {
        for (var k = 0; items is not null && k < items.Count; k++)
            if (items[k] is null) throw Invalid($"{param}[{k}] must be {what}, not null.", $"{param}[{k}]");
    }

    private static List<ImageRef> ImagesOf(IReadOnlyList<ContentPart> parts, int messageIndex) =>
        [.. parts.Select((part, j) => (part, j)).Where(x => x.part.Type == ContentPart.ImageUrlType)
            .Select(x => new ImageRef(x.part.ImageUrl!.Url!, $"messages[{messageIndex}].content[{x.j}]"))];

    // Roo Code sends max_completion_tokens: -1 for "no limit" (docs/clients/REPORT.md §4.7).
    private static int? PositiveOrNull(int? value) => value > 0 ? value : null;

    internal static GatewayException Invalid(string message, string param) =>
        new(GatewayError.InvalidRequest(message, param));
}
