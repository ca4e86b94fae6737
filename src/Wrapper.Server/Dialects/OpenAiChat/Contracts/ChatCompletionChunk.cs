using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>
/// One streamed event (https://platform.openai.com/docs/api-reference/chat/streaming). Every chunk
/// carries a <c>choices</c> array: the AI SDK's schema (Cline 4.x) rejects chunks without one, so
/// the final usage chunk has an empty array.
/// </summary>
internal sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices)
{
    public string Object => "chat.completion.chunk";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionUsage? Usage { get; init; }
}

internal sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason);

/// <summary>Only the fields that changed are written.</summary>
internal sealed record ChunkDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Role { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Content { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ReasoningContent { get; init; }

    /// <summary>The same text as <see cref="ReasoningContent"/>: vLLM-style clients read <c>reasoning</c>, Roo Code and Cline <c>reasoning_content</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Reasoning => ReasoningContent;
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ChunkToolCall>? ToolCalls { get; init; }
}

/// <summary>A piece of a streamed tool call: <c>id</c>, <c>type</c> and the name only in its first piece.</summary>
internal sealed record ChunkToolCall(int Index, FunctionCallDelta Function)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Id { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Type { get; init; }
}

internal sealed record FunctionCallDelta(string Arguments)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
}
