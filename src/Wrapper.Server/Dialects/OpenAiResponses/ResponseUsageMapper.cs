using Wrapper.Server.Core;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;

namespace Wrapper.Server.Dialects.OpenAiResponses;

internal static class ResponseUsageMapper
{
    /// <summary>The Responses usage object: <c>input_tokens</c> counts cache reads and writes too, as OpenAI's does.</summary>
    public static ResponseUsage ToWire(TokenUsage? usage)
    {
        usage ??= new TokenUsage(0, 0);
        return new ResponseUsage(usage.PromptTokens, new InputTokensDetails(usage.CacheReadTokens),
            usage.OutputTokens, new OutputTokensDetails(usage.ReasoningTokens), usage.PromptTokens + usage.OutputTokens);
    }
}
