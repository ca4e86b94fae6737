using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Ledger;

/// <summary>
/// The one place a ledger row is made from a finished request: <see cref="LedgerFacts"/> plus what
/// the request log already keeps in <c>HttpContext.Items</c> (<see cref="RequestLogItems"/>).
/// </summary>
internal static class RequestFacts
{
    /// <summary>The dialect column of the gateway's own routes (models, keys, usage, refusals before any dialect).</summary>
    public const string GatewayDialect = "gateway";

    public static LedgerRow Read(HttpContext context, string clientIp, DateTimeOffset time, double durationMs, string instance)
    {
        var items = context.Items;
        var facts = LedgerFacts.Of(context);
        var usage = facts.Usage;
        var status = context.Response.StatusCode;
        return new LedgerRow
        {
            Time = time,
            KeyId = facts.KeyId,
            ClientIp = clientIp,
            Dialect = items[RequestLogItems.Dialect] as string ?? GatewayDialect,
            Route = RouteOf(context),
            RequestedModel = items[RequestLogItems.Model] as string,
            Provider = items[RequestLogItems.Provider] as string,
            CliModel = facts.CliModel ?? items[RequestLogItems.CliModel] as string,
            Status = status,
            ErrorCode = status < 400 ? null : facts.ErrorCode ?? ErrorCodeOf(status),
            PromptTokens = usage?.PromptTokens,
            CompletionTokens = usage?.OutputTokens,
            CacheReadTokens = usage?.CacheReadTokens,
            CacheWriteTokens = usage?.CacheCreationTokens,
            ReasoningTokens = usage?.ReasoningTokens,
            TotalTokens = usage is { } u ? u.PromptTokens + u.OutputTokens : null,
            DurationMs = durationMs,
            TimeToFirstTokenMs = facts.TimeToFirstTokenMs,
            // How the CLI was served: cold, pre-started, reused, continued (a process held at its tool calls
            // went on) or reconstructed (a new process resumed the earlier turns from the CLI's session format).
            CliStart = items[RequestLogItems.History] is "continued" or "reconstructed" ? (string)items[RequestLogItems.History]! : items[RequestLogItems.Warm] as string,
            ToolCalls = facts.ToolCalls,
            Instance = instance,
            Admitted = facts.Admission is not null,
        };
    }

    /// <summary>The matched route's pattern where there is one (never a raw path, which may hold a token).</summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";

    /// <summary>The error's class where the endpoint named no code: enough to count refusals by kind.</summary>
    private static string ErrorCodeOf(int status) => status switch
    {
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
