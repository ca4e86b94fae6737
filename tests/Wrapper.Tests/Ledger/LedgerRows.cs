using Wrapper.Server.Ledger;

namespace Wrapper.Tests.Ledger;

internal static class LedgerRows
{
    public static LedgerRow Sample(int n, DateTimeOffset? time = null) => new()
    {
        Time = time ?? DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000 + n),
        KeyId = n % 2 == 0 ? "admin" : "alice",
        ClientIp = "10.0.0." + (n % 250),
        Dialect = "openai-chat",
        Route = "/v1/chat/completions",
        RequestedModel = "claude-sonnet-5-5",
        Provider = "claude",
        CliModel = "claude-sonnet-5-5",
        Status = 200,
        PromptTokens = 100 + n,
        CompletionTokens = 20,
        CacheReadTokens = 7,
        CacheWriteTokens = 3,
        ReasoningTokens = 5,
        TotalTokens = 120 + n,
        DurationMs = 1234.5,
        TimeToFirstTokenMs = 321.25,
        CliStart = "cold",
        ToolCalls = 2,
    };
}
