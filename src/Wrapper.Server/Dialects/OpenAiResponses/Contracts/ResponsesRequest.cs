using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>
/// The body of <c>POST /v1/responses</c> as clients send it
/// (https://platform.openai.com/docs/api-reference/responses/create). Unknown fields are ignored;
/// <c>input</c>, <c>tools</c> and <c>tool_choice</c> stay JSON because their items take many shapes.
/// </summary>
internal sealed record ResponsesRequest
{
    public string? Model { get; init; }

    /// <summary>A string (one user message) or an array of input items.</summary>
    public JsonElement? Input { get; init; }

    public string? Instructions { get; init; }
    public List<JsonElement>? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public int? MaxOutputTokens { get; init; }
    public ReasoningOptions? Reasoning { get; init; }
    public TextOptions? Text { get; init; }
    public bool? Store { get; init; }
    public string? PreviousResponseId { get; init; }
    public List<string>? Include { get; init; }
    public string? PromptCacheKey { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public bool? Stream { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public string? User { get; init; }
}

/// <summary><c>reasoning</c>: <c>effort</c> (minimal … high) and <c>summary</c> (auto, concise, detailed).</summary>
internal sealed record ReasoningOptions
{
    public string? Effort { get; init; }
    public string? Summary { get; init; }
}

/// <summary><c>text</c>: the answer's <c>format</c> (text, json_object, json_schema) and <c>verbosity</c>.</summary>
internal sealed record TextOptions
{
    public JsonElement? Format { get; init; }
    public string? Verbosity { get; init; }
}
