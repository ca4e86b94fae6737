namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>A function call made by the assistant, in history (request) and in answers (response).</summary>
internal sealed record ToolCall
{
    public string? Id { get; init; }
    public string? Type { get; init; } = "function";
    public FunctionCall? Function { get; init; }
}

internal sealed record FunctionCall
{
    public string? Name { get; init; }
    public string? Arguments { get; init; }
}
