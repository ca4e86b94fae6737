using System.Text.Json;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>
/// The body of <c>POST /v1/messages</c> (https://docs.anthropic.com/en/api/messages) and of
/// <c>/v1/messages/count_tokens</c>. Unknown fields (<c>service_tier</c>, <c>container</c>,
/// <c>mcp_servers</c>, <c>context_management</c>, …) are ignored; <c>cache_control</c> on any block is accepted and has no effect.
/// </summary>
internal sealed record MessagesRequest
{
    public string? Model { get; init; }
    public List<InputMessage?>? Messages { get; init; }

    /// <summary>A string or an array of text blocks.</summary>
    public MessageContent? System { get; init; }

    public int? MaxTokens { get; init; }
    public bool? Stream { get; init; }
    public List<string?>? StopSequences { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public RequestMetadata? Metadata { get; init; }
    public List<ToolDefinition?>? Tools { get; init; }
    public ToolChoiceRequest? ToolChoice { get; init; }
    public ThinkingConfig? Thinking { get; init; }
}

internal sealed record InputMessage
{
    public string? Role { get; init; }
    public MessageContent? Content { get; init; }
}

internal sealed record RequestMetadata
{
    public string? UserId { get; init; }
}

/// <summary>A client tool: <c>name</c>, <c>description</c>, <c>input_schema</c> (server tools such as <c>web_search_20250305</c> carry a <c>type</c>).</summary>
internal sealed record ToolDefinition
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? InputSchema { get; init; }
}

/// <summary><c>{"type":"auto"|"any"|"tool"|"none","name":…,"disable_parallel_tool_use":…}</c>.</summary>
internal sealed record ToolChoiceRequest
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public bool? DisableParallelToolUse { get; init; }
}

/// <summary><c>{"type":"enabled","budget_tokens":N}</c>, <c>{"type":"disabled"}</c> or <c>{"type":"adaptive"}</c>.</summary>
internal sealed record ThinkingConfig
{
    public string? Type { get; init; }
    public int? BudgetTokens { get; init; }
}
