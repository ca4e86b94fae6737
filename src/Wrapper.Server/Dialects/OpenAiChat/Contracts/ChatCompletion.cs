namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>A non-streamed answer (https://platform.openai.com/docs/api-reference/chat/object).</summary>
internal sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    CompletionUsage? Usage)
{
    public string Object => "chat.completion";
}

internal sealed record ChatCompletionChoice(int Index, ResponseMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}

internal sealed record ResponseMessage(string? Content)
{
    public string Role => "assistant";
    public string? Refusal => null;

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }

    /// <summary>The same text as <see cref="ReasoningContent"/>, for clients that read <c>reasoning</c> (vLLM's name).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Reasoning => ReasoningContent;

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }
}
