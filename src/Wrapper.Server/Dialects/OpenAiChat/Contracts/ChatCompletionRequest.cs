using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c> as clients send it
/// (https://platform.openai.com/docs/api-reference/chat/create). Unknown fields are ignored.
/// </summary>
internal sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public List<ChatMessage?>? Messages { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }

    /// <summary>How many choices to generate: the gateway makes exactly one, so anything else is refused.</summary>
    public int? N { get; init; }
    public string? User { get; init; }
    public List<ToolDefinition>? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
}

internal sealed record StreamOptions
{
    public bool? IncludeUsage { get; init; }
}
