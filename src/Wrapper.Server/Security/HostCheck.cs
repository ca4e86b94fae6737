using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Security;

/// <summary>Refuses requests for a Host name the gateway does not serve (<see cref="AllowedHosts"/>), before anything else runs.</summary>
internal static class HostCheck
{
    public static WebApplication UseHostCheck(this WebApplication app)
    {
        var hosts = From(app.Services);
        app.Use(async (context, next) =>
        {
            if (hosts.Allows(context.Request.Host.Host))
            {
                await next(context);
                return;
            }
            await ErrorResponses.WriteAsync(context.Response, Refused(context.Request.Host.Host), context.RequestAborted);
        });
        return app;
    }

    public static AllowedHosts From(IServiceProvider services) =>
        AllowedHosts.Create(services.GetRequiredService<IOptions<RequestLimitOptions>>().Value.AllowedHosts,
            services.GetRequiredService<IOptions<ServerOptions>>().Value.Host)!;

    private static GatewayError Refused(string host) =>
        new(StatusCodes.Status403Forbidden, "invalid_request_error", "host_not_allowed",
            $"This gateway does not serve the host name '{host}'. Use http://127.0.0.1 or http://localhost, or list the name in ALLOWED_HOSTS (a protection against DNS rebinding).");
}
