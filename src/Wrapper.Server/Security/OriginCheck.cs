using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Security;

/// <summary>
/// Refuses a request from a web page of another origin (an <c>Origin</c> header that is not the
/// gateway's own) unless CORS_ORIGINS names that origin; the wildcard <c>*</c> counts only with
/// API_KEY set. Without it, any page the operator opens could run the CLIs and read the answers
/// (issue 15). Preflights are refused the same way, so the browser never sends the request.
/// </summary>
internal static class OriginCheck
{
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        var policy = BrowserOrigins.From(app.Services);
        app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || IsOwn(origin, context.Request) || policy.Allows(origin))
            {
                await next(context);
                return;
            }
            await ErrorResponses.WriteAsync(context.Response, Refused(origin, policy.KeyRequired), context.RequestAborted);
        });
        return app;
    }

    /// <summary>A page served by the gateway's own address (the Host is checked before this).</summary>
    private static bool IsOwn(string origin, HttpRequest request) =>
        string.Equals(origin.TrimEnd('/'), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    private static GatewayError Refused(string origin, bool keyRequired) =>
        new(StatusCodes.Status403Forbidden, "invalid_request_error", "origin_not_allowed",
            $"Requests from the web origin '{origin}' are refused. List it in CORS_ORIGINS to allow it"
            + (keyRequired ? "." : " (CORS_ORIGINS=* takes effect only with API_KEY set)."));
}
