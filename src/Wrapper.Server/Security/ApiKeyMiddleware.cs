using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Security;

/// <summary>
/// With <c>API_KEY</c> set, every route but <c>/health</c> and the dashboard's static page needs the key. The MCP endpoint is
/// authenticated by its capability token alone (<see cref="McpCallers"/>): an unknown token is a
/// 404, never a 401, which would send Claude Code into an OAuth flow that writes to the operator's
/// credentials; unknown tokens still count against the client's rate limit. The right
/// key is always served: only failed attempts count against RATE_LIMIT_AUTH_PER_MINUTE, and a client
/// over it gets 429 for further wrong keys, so ten wrong keys from a shared address lock nobody out
/// who has the key. The key is compared in constant time, so a guess shows nothing.
/// </summary>
internal static class ApiKeyMiddleware
{
    public static WebApplication UseApiKey(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (!security.KeyRequired)
        {
            WarnIfExposed(app);
            return app;
        }

        var comparer = new ApiKeyComparer(security.ApiKey!);
        var limits = app.Services.GetRequiredService<GatewayRateLimits>();
        var authPerMinute = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.AuthPerMinute;
        app.Use(async (context, next) =>
        {
            if (RateLimitGroups.Of(context.Request.Path) == RateLimitGroup.Health || McpEndpoint.TokenOf(context.Request.Path) is not null
                || Dashboard.DashboardPage.Serves(context.Request.Path) // a page without data: it asks for the key itself
                || comparer.Matches(ApiKeyComparer.Presented(context.Request)))
            {
                // Who spent it, for the ledger (issue 20); the MCP and health routes carry no key.
                if (McpEndpoint.TokenOf(context.Request.Path) is null) context.Items[Ledger.LedgerItems.KeyId] = "admin";
                await next(context);
                return;
            }
            using var attempt = limits.CountFailedKey(context);
            if (!attempt.IsAcquired)
            {
                var seconds = RateLimitRejection.RetryAfterSeconds(attempt);
                await RateLimitRejection.WriteAsync(context.Response, seconds, RateLimitRejection.TooManyFailedKeys(authPerMinute, seconds), context.RequestAborted);
                return;
            }
            await ErrorResponses.WriteAsync(context.Response, InvalidKey(), context.RequestAborted);
        });
        return app;
    }

    public static GatewayError InvalidKey() =>
        new(StatusCodes.Status401Unauthorized, "authentication_error", "invalid_api_key",
            "Missing or invalid API key. Send it as 'Authorization: Bearer YOUR_KEY' (or 'x-api-key: YOUR_KEY').");

    private static void WarnIfExposed(WebApplication app)
    {
        var host = app.Configuration["HOST"] ?? "127.0.0.1";
        if (host is "127.0.0.1" or "localhost" or "::1") return;
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning(
            "SECURITY WARNING: no API_KEY is set and the gateway listens on {Host}, beyond this machine. Anyone who can reach it can run the CLIs on your accounts. Set API_KEY (or HOST=127.0.0.1).",
            host));
    }
}
