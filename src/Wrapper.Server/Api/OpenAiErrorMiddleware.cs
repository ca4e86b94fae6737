using Microsoft.AspNetCore.Diagnostics;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Api;

/// <summary>
/// Makes every failure the framework itself produces OpenAI-shaped: unhandled exceptions (500),
/// Kestrel's refusals of a request it cannot read (a body too slow: 408, too large: 413), and empty
/// 4xx answers such as 405 for a wrong method.
/// </summary>
internal static class OpenAiErrorMiddleware
{
    public static WebApplication UseOpenAiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var error = failure is BadHttpRequestException bad ? ForBadRequest(bad)
                : context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge()
                : GatewayError.Internal();
            return ErrorResponses.WriteAsync(context.Response, error);
        }));
        app.UseStatusCodePages(async statusContext =>
        {
            var response = statusContext.HttpContext.Response;
            var error = response.StatusCode switch
            {
                StatusCodes.Status405MethodNotAllowed => new GatewayError(405, "invalid_request_error", "method_not_allowed",
                    $"{statusContext.HttpContext.Request.Method} is not allowed on {statusContext.HttpContext.Request.Path}."),
                StatusCodes.Status413PayloadTooLarge => TooLarge(),
                StatusCodes.Status408RequestTimeout => SlowBody(),
                var status => new GatewayError(status, status >= 500 ? "server_error" : "invalid_request_error", null,
                    $"The request failed with HTTP status {status}."),
            };
            await ErrorResponses.WriteAsync(response, error);
        });
        return app;
    }

    /// <summary>
    /// Kestrel throws these while the body is read: its status says what went wrong with the
    /// request (https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/options), so it
    /// is the client's error, never a 500.
    /// </summary>
    private static GatewayError ForBadRequest(BadHttpRequestException e) => e.StatusCode switch
    {
        StatusCodes.Status408RequestTimeout => SlowBody(),
        StatusCodes.Status413PayloadTooLarge => TooLarge(),
        var status and >= 400 and < 500 => new GatewayError(status, "invalid_request_error", "bad_request", $"The request could not be read: {e.Message}"),
        _ => new GatewayError(StatusCodes.Status400BadRequest, "invalid_request_error", "bad_request", $"The request could not be read: {e.Message}"),
    };

    private static GatewayError SlowBody() =>
        new(StatusCodes.Status408RequestTimeout, "invalid_request_error", "request_timeout",
            "The request body arrived too slowly (below Kestrel's minimum data rate); send it without pauses.");

    private static GatewayError TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large", "The request body is larger than MAX_REQUEST_BODY_BYTES allows.");
}
