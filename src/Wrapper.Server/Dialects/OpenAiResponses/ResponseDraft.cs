using System.Text.Json;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// What a request fixes about its response before the CLI runs: the id, the fields echoed back, the
/// whole conversation's input items (earlier turns of <c>previous_response_id</c> first), the tools
/// as served, and whether the response is stored.
/// </summary>
internal sealed record ResponseDraft
{
    public string Id { get; } = ResponseIds.New(ResponseIds.Response);
    public required long CreatedAt { get; init; }
    public required ResponsesRequestEcho Echo { get; init; }

    /// <summary>Every input item of the conversation, earlier turns' inputs and outputs first.</summary>
    public required IReadOnlyList<JsonElement> InputItems { get; init; }

    public required ResponseTools Tools { get; init; }
    public bool Store => Echo.Store;

    /// <summary>The response with the given status, output, model and usage; everything asked is echoed.</summary>
    public ResponseObject Response(string status, string model, IReadOnlyList<OutputItem> output, ResponseUsage? usage = null,
        ResponseError? error = null, IncompleteDetails? incomplete = null) => new()
    {
        Id = Id,
        CreatedAt = CreatedAt,
        Status = status,
        Error = error,
        IncompleteDetails = incomplete,
        Instructions = Echo.Instructions,
        MaxOutputTokens = Echo.MaxOutputTokens,
        Model = model,
        Output = output,
        ParallelToolCalls = Echo.ParallelToolCalls,
        PreviousResponseId = Echo.PreviousResponseId,
        Reasoning = Echo.Reasoning,
        Store = Echo.Store,
        Temperature = Echo.Temperature,
        Text = Echo.Text,
        ToolChoice = Echo.ToolChoice,
        Tools = Echo.Tools,
        TopP = Echo.TopP,
        Usage = usage,
        User = Echo.User,
        PromptCacheKey = Echo.PromptCacheKey,
        Metadata = Echo.Metadata,
    };
}

/// <summary>The request's fields a response repeats, as OpenAI's do.</summary>
internal sealed record ResponsesRequestEcho(
    string? Instructions,
    int? MaxOutputTokens,
    bool ParallelToolCalls,
    string? PreviousResponseId,
    ReasoningEcho Reasoning,
    bool Store,
    double? Temperature,
    TextEcho Text,
    JsonElement ToolChoice,
    IReadOnlyList<JsonElement> Tools,
    double? TopP,
    string? User,
    string? PromptCacheKey,
    IReadOnlyDictionary<string, string> Metadata);
