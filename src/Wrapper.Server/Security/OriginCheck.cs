using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Security;

/// <summary>
/// Refuses a request from a web page of another origin (an <c>Origin</c> header that is not the
/// gateway's own) unless CORS_ORIGINS names that origin; the wildcard <c>*</c> counts only with
/// API_KEY set. Without it, any page the operator opens could run the CLIs and read the answers
///. Preflights are refused the same way, so the browser never sends the request.
/// </summary>
internal static class OriginCheck
{
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        var policy = BrowserOrigins.From(app.Services);
        var hosts = HostCheck.From(app.Services);
        app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || IsOwn(origin, context.Request, hosts) || policy.Allows(origin))
            {
                await next(context);
                return;
            }
            await ErrorResponses.WriteAsync(context.Response, Refused(origin, policy.KeyRequired), context.RequestAborted);
        });
        return app;
    }

    /// <summary>
    /// A page of the gateway's own address: the Host it was sent to, and a loopback or listed name.
    /// Where the Host check is off (HOST=0.0.0.0 in Docker), a rebound name is its own origin too;
    /// naming it is what keeps such a page out.
    /// </summary>
    private static bool IsOwn(string origin, HttpRequest request, AllowedHosts hosts) =>
        string.Equals(origin.TrimEnd('/'), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
        && hosts.Names(request.Host.Host);

    private static GatewayError Refused(string origin, bool keyRequired) =>
        new(StatusCodes.Status403Forbidden, "invalid_request_error", "origin_not_allowed",
            $"Requests from the web origin '{origin}' are refused. List it in CORS_ORIGINS to allow it"
            + (keyRequired ? "." : " (CORS_ORIGINS=* takes effect only with API_KEY set)."));
}
