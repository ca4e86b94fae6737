using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>
/// One item of a response's <c>output</c> (https://platform.openai.com/docs/api-reference/responses/object):
/// each carries its own <c>type</c>, written first.
/// </summary>
[JsonDerivedType(typeof(MessageItem))]
[JsonDerivedType(typeof(FunctionCallItem))]
[JsonDerivedType(typeof(CustomToolCallItem))]
[JsonDerivedType(typeof(ReasoningItem))]
internal abstract record OutputItem([property: JsonPropertyOrder(-3)] string Type, [property: JsonPropertyOrder(-2)] string Id);

/// <summary>The assistant's text: <c>{"type":"message","role":"assistant","content":[output_text]}</c>.</summary>
internal sealed record MessageItem(string Id, string Status, IReadOnlyList<OutputText> Content) : OutputItem("message", Id)
{
    public string Role => "assistant";
}

/// <summary>A call of a function tool; <c>call_id</c> is what the client's <c>function_call_output</c> answers.</summary>
internal sealed record FunctionCallItem(string Id, string Status, string CallId, string Name, string Arguments) : OutputItem("function_call", Id);

/// <summary>A call of a free-form (<c>custom</c>) tool: its input is one string, not JSON arguments.</summary>
internal sealed record CustomToolCallItem(string Id, string Status, string CallId, string Name, string Input) : OutputItem("custom_tool_call", Id);

/// <summary>The model's reasoning, as summary text (the CLIs show their thinking in full; it is given as the summary).</summary>
internal sealed record ReasoningItem(string Id, IReadOnlyList<SummaryText> Summary) : OutputItem("reasoning", Id);

/// <summary>A text part of a message: <c>{"type":"output_text","text":...,"annotations":[]}</c>.</summary>
internal sealed record OutputText(string Text)
{
    [JsonPropertyOrder(-1)] public string Type => "output_text";
    public IReadOnlyList<object> Annotations { get; } = [];
    public IReadOnlyList<object> Logprobs { get; } = [];
}

/// <summary>A part of a reasoning summary: <c>{"type":"summary_text","text":...}</c>.</summary>
internal sealed record SummaryText(string Text)
{
    [JsonPropertyOrder(-1)] public string Type => "summary_text";
}
