using System.Globalization;
using System.Text.Json;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Api;

/// <summary>Writes a <see cref="GatewayError"/> as OpenAI does (status, <c>Retry-After</c>, JSON body), or as Anthropic does on its routes.</summary>
internal static class ErrorResponses
{
    public static ErrorResponse Body(GatewayError error) =>
        new(new ErrorBody(error.Message, error.Type, error.Param, error.Code, RetryAfter(error)));

    /// <summary>The error in the shape the route's clients read (<see cref="ErrorShape"/>): middleware and endpoints all write through here.</summary>
    public static async Task WriteAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken = default)
    {
        if (ErrorShapes.Of(response.HttpContext.Request) == ErrorShape.Anthropic)
        {
            await Dialects.AnthropicMessages.AnthropicErrors.WriteAsync(response, error, cancellationToken);
            return;
        }
        response.StatusCode = error.Status;
        Ledger.LedgerFacts.Of(response.HttpContext).ErrorCode = error.Code;
        if (RetryAfter(error) is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);
    }

    /// <summary>Every 429 says when to retry, in <c>Retry-After</c> and <c>retry_after</c>: a whole window when nothing better is known.</summary>
    internal static int? RetryAfter(GatewayError error) =>
        error.RetryAfterSeconds ?? (error.Status == StatusCodes.Status429TooManyRequests ? 60 : null);
}
