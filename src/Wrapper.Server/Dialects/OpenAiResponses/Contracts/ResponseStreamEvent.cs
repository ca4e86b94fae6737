using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>
/// One event of a streamed response (https://platform.openai.com/docs/api-reference/responses-streaming):
/// its <c>type</c> and its <c>sequence_number</c> (0, 1, 2, … in the order sent) first, then its fields.
/// </summary>
[JsonDerivedType(typeof(ResponseLifecycleEvent))]
[JsonDerivedType(typeof(OutputItemEvent))]
[JsonDerivedType(typeof(ContentPartEvent))]
[JsonDerivedType(typeof(OutputTextDeltaEvent))]
[JsonDerivedType(typeof(OutputTextDoneEvent))]
[JsonDerivedType(typeof(ArgumentsDeltaEvent))]
[JsonDerivedType(typeof(ArgumentsDoneEvent))]
[JsonDerivedType(typeof(CustomInputDeltaEvent))]
[JsonDerivedType(typeof(CustomInputDoneEvent))]
[JsonDerivedType(typeof(SummaryPartEvent))]
[JsonDerivedType(typeof(SummaryTextDeltaEvent))]
[JsonDerivedType(typeof(SummaryTextDoneEvent))]
[JsonDerivedType(typeof(StreamErrorEvent))]
internal abstract record ResponseStreamEvent([property: JsonPropertyOrder(-2)] string Type)
{
    [JsonPropertyOrder(-1)] public int SequenceNumber { get; init; }
}

/// <summary><c>response.created</c>, <c>.in_progress</c>, <c>.completed</c>, <c>.incomplete</c>, <c>.failed</c>: the whole response as it stands.</summary>
internal sealed record ResponseLifecycleEvent(string Type, ResponseObject Response) : ResponseStreamEvent(Type);

/// <summary><c>response.output_item.added</c> / <c>.done</c>.</summary>
internal sealed record OutputItemEvent(string Type, int OutputIndex, OutputItem Item) : ResponseStreamEvent(Type);

/// <summary><c>response.content_part.added</c> / <c>.done</c>.</summary>
internal sealed record ContentPartEvent(string Type, string ItemId, int OutputIndex, int ContentIndex, OutputText Part) : ResponseStreamEvent(Type);

internal sealed record OutputTextDeltaEvent(string ItemId, int OutputIndex, int ContentIndex, string Delta) : ResponseStreamEvent("response.output_text.delta")
{
    public IReadOnlyList<object> Logprobs { get; } = [];
}

internal sealed record OutputTextDoneEvent(string ItemId, int OutputIndex, int ContentIndex, string Text) : ResponseStreamEvent("response.output_text.done")
{
    public IReadOnlyList<object> Logprobs { get; } = [];
}

internal sealed record ArgumentsDeltaEvent(string ItemId, int OutputIndex, string Delta) : ResponseStreamEvent("response.function_call_arguments.delta");

internal sealed record ArgumentsDoneEvent(string ItemId, int OutputIndex, string Name, string Arguments) : ResponseStreamEvent("response.function_call_arguments.done");

internal sealed record CustomInputDeltaEvent(string ItemId, int OutputIndex, string Delta) : ResponseStreamEvent("response.custom_tool_call_input.delta");

internal sealed record CustomInputDoneEvent(string ItemId, int OutputIndex, string Input) : ResponseStreamEvent("response.custom_tool_call_input.done");

/// <summary><c>response.reasoning_summary_part.added</c> / <c>.done</c>.</summary>
internal sealed record SummaryPartEvent(string Type, string ItemId, int OutputIndex, int SummaryIndex, SummaryText Part) : ResponseStreamEvent(Type);

internal sealed record SummaryTextDeltaEvent(string ItemId, int OutputIndex, int SummaryIndex, string Delta) : ResponseStreamEvent("response.reasoning_summary_text.delta");

internal sealed record SummaryTextDoneEvent(string ItemId, int OutputIndex, int SummaryIndex, string Text) : ResponseStreamEvent("response.reasoning_summary_text.done");

/// <summary>The <c>error</c> event: the stream broke for a reason that is not the model's answer.</summary>
internal sealed record StreamErrorEvent(string? Code, string Message, string? Param) : ResponseStreamEvent("error");
