using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>
/// A response (https://platform.openai.com/docs/api-reference/responses/object): what was asked
/// (echoed), its status, its output items and usage. Fields OpenAI sends as null are written as null.
/// </summary>
internal sealed record ResponseObject
{
    public required string Id { get; init; }
    public string Object => "response";
    public required long CreatedAt { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public ResponseError? Error { get; init; }
    public IncompleteDetails? IncompleteDetails { get; init; }
    public string? Instructions { get; init; }
    public int? MaxOutputTokens { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<OutputItem> Output { get; init; }
    public bool ParallelToolCalls { get; init; } = true;
    public string? PreviousResponseId { get; init; }
    public required ReasoningEcho Reasoning { get; init; }
    public bool Store { get; init; } = true;
    public double? Temperature { get; init; }
    public required TextEcho Text { get; init; }
    public required JsonElement ToolChoice { get; init; }
    public required IReadOnlyList<JsonElement> Tools { get; init; }
    public double? TopP { get; init; }
    public string Truncation => "disabled";
    public ResponseUsage? Usage { get; init; }
    public string? User { get; init; }
    public string? PromptCacheKey { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}

/// <summary>Why a response failed: OpenAI's <c>{"code","message"}</c>.</summary>
internal sealed record ResponseError(string Code, string Message);

/// <summary>Why a response stopped early: <c>max_output_tokens</c>.</summary>
internal sealed record IncompleteDetails(string Reason);

internal sealed record ReasoningEcho(string? Effort, string? Summary);

internal sealed record TextEcho(JsonElement Format, string? Verbosity);

/// <summary>Token counts as the Responses API names them; <c>input_tokens</c> counts cached tokens too.</summary>
internal sealed record ResponseUsage(
    int InputTokens,
    InputTokensDetails InputTokensDetails,
    int OutputTokens,
    OutputTokensDetails OutputTokensDetails,
    int TotalTokens);

internal sealed record InputTokensDetails(int CachedTokens);

internal sealed record OutputTokensDetails(int ReasoningTokens);
