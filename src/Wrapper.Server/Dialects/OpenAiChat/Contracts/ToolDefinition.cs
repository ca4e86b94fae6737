using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>A tool the client offers the model (<c>{"type":"function","function":{...}}</c>).</summary>
internal sealed record ToolDefinition
{
    public string? Type { get; init; }
    public FunctionDefinition? Function { get; init; }
}

internal sealed record FunctionDefinition
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
    public bool? Strict { get; init; }
}
