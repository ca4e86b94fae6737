using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// Anthropic's error body, <c>{"type":"error","error":{"type":...,"message":...}}</c>, with the
/// error type Anthropic uses for each status (https://docs.anthropic.com/en/api/errors).
/// Claude Code picks its user-facing message from the status, so the type must match it.
/// </summary>
internal static class AnthropicErrors
{
    public static (string Type, string Message) For(int status) => status switch
    {
        400 => ("invalid_request_error", "fake: invalid request"),
        401 => ("authentication_error", "invalid x-api-key"),
        403 => ("permission_error", "Your API key does not have permission to use the specified resource."),
        404 => ("not_found_error", "Not found"),
        413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes."),
        429 => ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
        503 => ("api_error", "Service unavailable"),
        529 => ("overloaded_error", "Overloaded"),
        _ => ("api_error", "Internal server error"),
    };

    public static async Task WriteAsync(HttpContext context, int status, string requestId, string? message = null)
    {
        var (type, defaultMessage) = For(status);
        var body = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message ?? defaultMessage },
            ["request_id"] = requestId,
        };
        context.Response.StatusCode = status;
        context.Response.Headers["request-id"] = requestId;
        // Only 429 carries retry-after; one second keeps a retrying client's test short.
        if (status == 429) context.Response.Headers.RetryAfter = "1";
        await FakeJson.WriteAsync(context, body);
    }
}
