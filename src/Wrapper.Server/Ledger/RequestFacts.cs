using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Ledger;

/// <summary>
/// The one place the ledger learns what happened in a request. Today the facts are the request
/// log's <c>HttpContext.Items</c> (<see cref="RequestLogItems"/>) plus <see cref="LedgerItems"/>;
/// when the core keeps one neutral per-request record, only this adapter changes.
/// </summary>
internal static class RequestFacts
{
    public static LedgerRow Read(HttpContext context, string clientIp, DateTimeOffset time, double durationMs)
    {
        var items = context.Items;
        var usage = items[LedgerItems.Usage] as TokenUsage;
        var status = context.Response.StatusCode;
        return new LedgerRow
        {
            Time = time,
            KeyId = items[LedgerItems.KeyId] as string,
            ClientIp = clientIp,
            Dialect = DialectOf(context.Request.Path),
            Route = RouteOf(context),
            RequestedModel = items[RequestLogItems.Model] as string,
            Provider = items[RequestLogItems.Provider] as string,
            CliModel = items[LedgerItems.CliModel] as string,
            Status = status,
            ErrorCode = items[LedgerItems.ErrorCode] as string ?? ErrorCodeOf(status),
            PromptTokens = usage?.PromptTokens,
            CompletionTokens = usage?.OutputTokens,
            CacheReadTokens = usage?.CacheReadTokens,
            CacheWriteTokens = usage?.CacheCreationTokens,
            ReasoningTokens = usage?.ReasoningTokens,
            TotalTokens = usage is { } u ? u.PromptTokens + u.OutputTokens : items[RequestLogItems.Tokens] as int?,
            DurationMs = durationMs,
            TimeToFirstTokenMs = items[LedgerItems.FirstTokenAt] as double?,
            CliStart = items[RequestLogItems.Warm] as string,
            ToolCalls = items[LedgerItems.ToolCalls] as int? ?? 0,
        };
    }

    public static string DialectOf(PathString path)
    {
        var value = path.Value ?? "/";
        if (value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        return value.ToLowerInvariant() switch
        {
            "/chat/completions" => "openai_chat",
            "/responses" => "openai_responses",
            "/messages" => "anthropic_messages",
            _ => "gateway",
        };
    }

    /// <summary>The matched route's pattern where there is one (never a raw path, which may hold a token).</summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";

    /// <summary>The error's class where the endpoint named no code: enough to count refusals by kind.</summary>
    private static string? ErrorCodeOf(int status) => status switch
    {
        < 400 => null,
        401 => "invalid_api_key",
        403 => "forbidden",
        404 => "not_found",
        413 => "request_too_large",
        429 => "too_many_requests",
        499 => "client_closed",
        < 500 => "invalid_request",
        504 => "timeout",
        _ => "server_error",
    };
}
