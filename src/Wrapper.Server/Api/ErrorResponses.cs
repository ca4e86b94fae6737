using System.Globalization;
using System.Text.Json;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Api;

/// <summary>Writes a <see cref="GatewayError"/> as OpenAI does: status, <c>Retry-After</c>, JSON body.</summary>
internal static class ErrorResponses
{
    public static ErrorResponse Body(GatewayError error) =>
        new(new ErrorBody(error.Message, error.Type, error.Param, error.Code, error.RetryAfterSeconds));

    public static async Task WriteAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken = default)
    {
        // Every 429 carries retry_after in its body as well as Retry-After.
        if (error.Status == StatusCodes.Status429TooManyRequests)
        {
            await RateLimiting.RateLimitRejection.WriteAsync(response, error, cancellationToken);
            return;
        }
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);
    }
}
