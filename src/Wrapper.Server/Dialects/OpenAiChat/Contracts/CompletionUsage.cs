namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>
/// Token counts. <c>prompt_tokens</c> is the whole input, cached and cache-creation tokens included
/// (Roo and the AI SDK compute the uncached part as prompt minus cached). The Anthropic-named
/// <c>cache_read_input_tokens</c> and <c>cache_creation_input_tokens</c> are what Roo Code reads.
/// </summary>
internal sealed record CompletionUsage(
    int PromptTokens,
    int CompletionTokens,
    int TotalTokens,
    PromptTokensDetails PromptTokensDetails,
    CompletionTokensDetails CompletionTokensDetails,
    int CacheReadInputTokens,
    int CacheCreationInputTokens);

internal sealed record PromptTokensDetails(int CachedTokens);

internal sealed record CompletionTokensDetails(int ReasoningTokens);
