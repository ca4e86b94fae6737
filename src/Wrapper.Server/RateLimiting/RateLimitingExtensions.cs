using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Wrapper.Server.Security;

namespace Wrapper.Server.RateLimiting;

/// <summary>ASP.NET Core's rate-limiting middleware with the gateway's per-client, per-group windows.</summary>
internal static class RateLimitingExtensions
{
    public static IServiceCollection AddWrapperRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<McpCallers>();
        services.AddSingleton<GatewayRateLimits>();
        services.AddSingleton<CliConcurrencyGate>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<GatewayRateLimits, IOptions<RateLimitOptions>>((options, limits, settings) =>
        {
            options.GlobalLimiter = limits.ForRequests;
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var group = RateLimitGroups.Of(rejected.HttpContext.Request.Path);
                var seconds = RateLimitRejection.RetryAfterSeconds(rejected.Lease);
                var message = RateLimitRejection.OverLimit(group, settings.Value.Limit(group), seconds);
                return new ValueTask(RateLimitRejection.WriteAsync(rejected.HttpContext.Response, seconds, message, cancellationToken));
            };
        });
        return services;
    }

    public static WebApplication UseWrapperRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled) app.UseRateLimiter();
        return app;
    }
}
