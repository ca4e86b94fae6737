using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Api;

/// <summary>
/// Makes every failure the framework itself produces OpenAI-shaped: unhandled exceptions (500),
/// and empty 4xx answers such as 405 for a wrong method or 413 from Kestrel.
/// </summary>
internal static class OpenAiErrorMiddleware
{
    public static WebApplication UseOpenAiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(context =>
            ErrorResponses.WriteAsync(context.Response, context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : GatewayError.Internal())));
        app.UseStatusCodePages(async statusContext =>
        {
            var response = statusContext.HttpContext.Response;
            var error = response.StatusCode switch
            {
                StatusCodes.Status405MethodNotAllowed => new GatewayError(405, "invalid_request_error", "method_not_allowed",
                    $"{statusContext.HttpContext.Request.Method} is not allowed on {statusContext.HttpContext.Request.Path}."),
                StatusCodes.Status413PayloadTooLarge => TooLarge(),
                var status => new GatewayError(status, status >= 500 ? "server_error" : "invalid_request_error", null,
                    $"The request failed with HTTP status {status}."),
            };
            await ErrorResponses.WriteAsync(response, error);
        });
        return app;
    }

    private static GatewayError TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large", "The request body is larger than MAX_REQUEST_BODY_BYTES allows.");
}
