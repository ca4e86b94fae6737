using System.Diagnostics;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;

namespace Wrapper.Server.Ledger;

/// <summary>
/// One ledger row per request, served or refused (issue 20.1): placed before the key check and the
/// rate limits so their refusals are counted too. Health probes are monitoring, not usage: not counted.
/// </summary>
internal static class LedgerMiddleware
{
    public static WebApplication UseLedger(this WebApplication app)
    {
        var writer = app.Services.GetRequiredService<LedgerWriter>();
        var clients = app.Services.GetRequiredService<ClientAddress>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            if (RateLimitGroups.Of(context.Request.Path) == RateLimitGroup.Health)
            {
                await next(context);
                return;
            }
            var startedAt = time.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                writer.Add(RequestFacts.Read(context, clients.PartitionKey(context), startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        });
        return app;
    }
}
