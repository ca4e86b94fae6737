namespace Wrapper.Server.Api.Contracts;

/// <summary>One message of the conversation; roles system, developer, user, assistant and tool.</summary>
internal sealed record ChatMessage
{
    public string? Role { get; init; }

    /// <summary>A string, <c>null</c>, or an array of parts; see <see cref="MessageContentConverter"/>.</summary>
    public MessageContent? Content { get; init; }

    public string? Name { get; init; }
    public List<ToolCall>? ToolCalls { get; init; }
    public string? ToolCallId { get; init; }
}
