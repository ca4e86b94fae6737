namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>One message of the conversation; roles system, developer, user, assistant and tool.</summary>
internal sealed record ChatMessage
{
    public string? Role { get; init; }

    /// <summary>A string, <c>null</c>, or an array of parts; see <see cref="MessageContentConverter"/>.</summary>
    public MessageContent? Content { get; init; }

    public string? Name { get; init; }
    public List<ToolCall>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }

    /// <summary>
    /// An assistant message's reasoning as a client sends its history back, under either name clients use
    /// (<c>reasoning_content</c>: Roo Code, Cline, DeepSeek; <c>reasoning</c>: vLLM). Accepted, never sent to
    /// the CLI: the model's earlier thinking is not part of the conversation it continues.
    /// </summary>
    public System.Text.Json.JsonElement? ReasoningContent { get; init; }

    public System.Text.Json.JsonElement? Reasoning { get; init; }
}
