using System.Globalization;
using System.Text.Json;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// A <see cref="GatewayError"/> in Anthropic's shape (https://docs.anthropic.com/en/api/errors):
/// <c>{"type":"error","error":{"type","message"}}</c> with the error type Anthropic uses for the
/// status, since clients (Claude Code, the SDKs) choose their handling by status and type.
/// </summary>
internal static class AnthropicErrors
{
    /// <summary>The status the error travels with: an overloaded upstream is Anthropic's 529, which clients retry as such.</summary>
    public static int Status(GatewayError error) => error.Code == "upstream_overloaded" ? 529 : error.Status;

    public static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        503 or 529 => "overloaded_error",
        504 => "timeout_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static ErrorResponse Body(GatewayError error) => new(new ErrorDetail(TypeFor(Status(error)), error.Message));

    /// <summary>Status, <c>retry-after</c> (as for OpenAI's shape) and the body.</summary>
    public static async Task WriteAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken = default)
    {
        response.StatusCode = Status(error);
        if (Api.ErrorResponses.RetryAfter(error) is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Body(error), AnthropicJsonContext.Wire.ErrorResponse, cancellationToken);
    }
}
