using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>A message's (or a tool result's, or the system prompt's) content, always as blocks: a plain string arrives as one text block.</summary>
[JsonConverter(typeof(MessageContentConverter))]
internal sealed record MessageContent(IReadOnlyList<ContentBlock> Blocks)
{
    /// <summary>The text blocks, in order, one per line.</summary>
    public string Text => string.Join('\n', Blocks.Where(b => b.Type == ContentBlock.TextType).Select(b => b.Text));
}

/// <summary>
/// One input content block: <c>text</c>, <c>image</c>, <c>tool_use</c>, <c>tool_result</c>,
/// <c>thinking</c>, <c>redacted_thinking</c> (and <c>document</c>, refused by the mapper).
/// </summary>
internal sealed record ContentBlock
{
    public const string TextType = "text";
    public const string ImageType = "image";
    public const string ToolUseType = "tool_use";
    public const string ToolResultType = "tool_result";
    public const string ThinkingType = "thinking";
    public const string RedactedThinkingType = "redacted_thinking";

    public string? Type { get; init; }
    public string? Text { get; init; }
    public ImageSource? Source { get; init; }

    // tool_use
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JsonElement? Input { get; init; }

    // tool_result
    public string? ToolUseId { get; init; }
    public MessageContent? Content { get; init; }
    public bool? IsError { get; init; }

    // thinking, redacted_thinking
    public string? Thinking { get; init; }
    public string? Signature { get; init; }
    public string? Data { get; init; }
}

/// <summary><c>{"type":"base64","media_type":"image/png","data":…}</c> or <c>{"type":"url","url":…}</c>.</summary>
internal sealed record ImageSource
{
    public string? Type { get; init; }
    public string? MediaType { get; init; }
    public string? Data { get; init; }
    public string? Url { get; init; }
}
