using Wrapper.Server.Core;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.OpenAiChat;

internal static class UsageMapper
{
    /// <summary>OpenAI's usage object; prompt_tokens counts cached and cache-creation tokens too.</summary>
    public static CompletionUsage ToWire(TokenUsage? usage)
    {
        usage ??= new TokenUsage(0, 0);
        return new CompletionUsage(
            PromptTokens: usage.PromptTokens,
            CompletionTokens: usage.OutputTokens,
            TotalTokens: usage.PromptTokens + usage.OutputTokens,
            PromptTokensDetails: new PromptTokensDetails(usage.CacheReadTokens),
            CompletionTokensDetails: new CompletionTokensDetails(usage.ReasoningTokens),
            CacheReadInputTokens: usage.CacheReadTokens,
            CacheCreationInputTokens: usage.CacheCreationTokens);
    }
}
