using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Security;

/// <summary>
/// Routes only the admin key may use: managing keys (<c>/admin/...</c>) and, unless METRICS_PUBLIC,
/// <c>/metrics</c>. A client key there is a 403 (it is a valid key, just not this one's).
/// </summary>
internal static class AdminRoutes
{
    public const string MetricsPath = "/metrics";

    public static bool IsMetrics(PathString path) => path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);

    public static bool IsAdmin(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) || IsMetrics(path);

    public static WebApplication UseAdminRoutes(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsAdmin(context.Request.Path) && CallerKey.ClientOf(context) is { } key)
            {
                await ErrorResponses.WriteAsync(context.Response, AdminOnly(key.Name), context.RequestAborted);
                return;
            }
            await next(context);
        });
        return app;
    }

    public static GatewayError AdminOnly(string keyName) =>
        new(StatusCodes.Status403Forbidden, "permission_error", "admin_key_required",
            $"The client key '{keyName}' cannot use this route: it needs the admin key (API_KEY).");
}
