using Microsoft.Net.Http.Headers;
using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Security;

/// <summary>
/// A route that takes a body takes JSON only: anything but <c>Content-Type: application/json</c> is a
/// 415. A web page can send text/plain or a form to any address without asking first; JSON needs
/// a CORS preflight, which <see cref="OriginCheck"/> answers.
/// </summary>
internal static class JsonBodies
{
    public static WebApplication UseJsonBodies(this WebApplication app)
    {
        var mcpCallers = app.Services.GetRequiredService<McpCallers>();
        app.Use(async (context, next) =>
        {
            if (!TakesBody(context) || IsJson(context.Request.ContentType) || mcpCallers.Holds(context))
            {
                await next(context);
                return;
            }
            await ErrorResponses.WriteAsync(context.Response, Unsupported(context.Request.ContentType), context.RequestAborted);
        });
        return app;
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A POST route (routing ran first: the endpoint is known); the fallback and wrong methods are answered elsewhere.</summary>
    private static bool TakesBody(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is { } methods
        && methods.HttpMethods.Contains("POST", StringComparer.OrdinalIgnoreCase);

    private static GatewayError Unsupported(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "invalid_request_error", "unsupported_media_type",
            $"The request body must be JSON sent with 'Content-Type: application/json' (got {(string.IsNullOrEmpty(contentType) ? "none" : $"'{contentType}'")}).");
}
