using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>
/// The named events of a streamed message (https://docs.anthropic.com/en/api/messages-streaming),
/// each also carrying its name as <c>type</c>.
/// </summary>
internal sealed record MessageStartEvent(Message Message)
{
    [JsonPropertyOrder(-2)] public string Type => "message_start";
}

internal sealed record ContentBlockStartEvent(int Index, OutputBlock ContentBlock)
{
    [JsonPropertyOrder(-2)] public string Type => "content_block_start";
}

internal sealed record ContentBlockDeltaEvent(int Index, BlockDelta Delta)
{
    [JsonPropertyOrder(-2)] public string Type => "content_block_delta";
}

/// <summary><c>text_delta</c> (text), <c>input_json_delta</c> (partial_json), <c>thinking_delta</c> (thinking), <c>signature_delta</c> (signature).</summary>
internal sealed record BlockDelta([property: JsonPropertyOrder(-2)] string Type)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Text { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PartialJson { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Thinking { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Signature { get; init; }
}

internal sealed record ContentBlockStopEvent(int Index)
{
    [JsonPropertyOrder(-2)] public string Type => "content_block_stop";
}

/// <summary>The stop reason and the final usage (cumulative, as in the API), once the blocks are done.</summary>
internal sealed record MessageDeltaEvent(MessageDeltaBody Delta, MessageUsage Usage)
{
    [JsonPropertyOrder(-2)] public string Type => "message_delta";
}

internal sealed record MessageDeltaBody(string StopReason, string? StopSequence);

internal sealed record MessageStopEvent
{
    [JsonPropertyOrder(-2)] public string Type => "message_stop";
}

internal sealed record PingEvent
{
    [JsonPropertyOrder(-2)] public string Type => "ping";
}
