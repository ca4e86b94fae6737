using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>
/// The answer of <c>POST /v1/messages</c> (https://docs.anthropic.com/en/api/messages): also the
/// <c>message</c> of a stream's <c>message_start</c>, with empty content and no stop reason yet.
/// </summary>
internal sealed record Message([property: JsonPropertyOrder(-3)] string Id, string Model, IReadOnlyList<OutputBlock> Content, string? StopReason, string? StopSequence, MessageUsage Usage)
{
    [JsonPropertyOrder(-2)] public string Type => "message";
    [JsonPropertyOrder(-1)] public string Role => "assistant";
}

/// <summary>
/// An answer block: <c>text</c> (text), <c>thinking</c> (thinking, signature) or <c>tool_use</c>
/// (id, name, input). Fields a block type does not have are left out.
/// </summary>
internal sealed record OutputBlock([property: JsonPropertyOrder(-2)] string Type)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Text { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Thinking { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Signature { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonElement? Input { get; init; }

    /// <summary>Who called the tool: the model itself (<c>{"type":"direct"}</c>), as the current API says on every tool_use.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ToolCaller? Caller { get; init; }

    public static OutputBlock ForText(string text) => new("text") { Text = text };
    public static OutputBlock ForThinking(string thinking, string signature) => new("thinking") { Thinking = thinking, Signature = signature };
    public static OutputBlock ForToolUse(string id, string name, JsonElement input) => new("tool_use") { Id = id, Name = name, Input = input, Caller = ToolCaller.Direct };
}

internal sealed record ToolCaller(string Type)
{
    public static readonly ToolCaller Direct = new("direct");
}

/// <summary>Token counts: <c>input_tokens</c> is the uncached part, as Anthropic reports it.</summary>
internal sealed record MessageUsage(int InputTokens, int OutputTokens, int CacheCreationInputTokens, int CacheReadInputTokens);

/// <summary><c>{"input_tokens":N}</c>, the answer of <c>/v1/messages/count_tokens</c>.</summary>
internal sealed record TokenCount(int InputTokens);

/// <summary><c>{"type":"error","error":{"type","message"}}</c>, Anthropic's error body (https://docs.anthropic.com/en/api/errors).</summary>
internal sealed record ErrorResponse(ErrorDetail Error)
{
    [JsonPropertyOrder(-2)] public string Type => "error";
}

internal sealed record ErrorDetail(string Type, string Message);

/// <summary>One page of <c>GET /v1/models</c> in Anthropic's shape (https://docs.anthropic.com/en/api/models-list).</summary>
internal sealed record ModelPage(IReadOnlyList<ModelInfo> Data, bool HasMore, string? FirstId, string? LastId);

internal sealed record ModelInfo(string Id, string DisplayName, string CreatedAt)
{
    [JsonPropertyOrder(-2)] public string Type => "model";
}
