using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security.Keys;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Security;

/// <summary>
/// With <c>API_KEY</c> set, every route but <c>/health</c> and the dashboard's static page needs that key (the admin key) or a named
/// client key (<see cref="ClientKeys"/>), as a Bearer token or in <c>x-api-key</c>; without it the
/// gateway is open, and a client key presented still names (and limits) its holder. The MCP endpoint is
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
        if (!security.KeyRequired) WarnIfExposed(app);
        var admin = security.KeyRequired ? new ApiKeyComparer(security.ApiKey!) : null;
        var clientKeys = app.Services.GetRequiredService<ClientKeys>();
        var metricsPublic = app.Services.GetRequiredService<IOptions<Ledger.LedgerOptions>>().Value.MetricsPublic;
        var limits = app.Services.GetRequiredService<GatewayRateLimits>();
        var authPerMinute = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.AuthPerMinute;
        app.Use(async (context, next) =>
        {
            if (RateLimitGroups.Of(context.Request.Path) == RateLimitGroup.Health || McpEndpoint.TokenOf(context.Request.Path) is not null
                || Dashboard.DashboardPage.Serves(context.Request.Path) // a page without data: it asks for the key itself
                || (metricsPublic && AdminRoutes.IsMetrics(context.Request.Path)))
            {
                await next(context);
                return;
            }
            // Who spends it, for the ledger and the budgets: "admin" for API_KEY, else the client key's name.
            var presented = ApiKeyComparer.Presented(context.Request);
            if (admin is not null && admin.Matches(presented))
            {
                Ledger.LedgerFacts.Of(context).KeyId = CallerKey.AdminName;
                await next(context);
                return;
            }
            if (presented is not null && await clientKeys.FindAsync(presented, context.RequestAborted) is { } key)
            {
                CallerKey.SetClient(context, key);
                Ledger.LedgerFacts.Of(context).KeyId = key.Name;
                await next(context);
                return;
            }
            if (admin is null)
            {
                await next(context); // an open gateway, as without client keys
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
