using System.Diagnostics;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Metrics;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;

namespace Wrapper.Server.Ledger;

/// <summary>
/// One ledger row per request, served or refused: placed before the key check and the rate limits
/// so their refusals are counted too. The same row feeds the metrics and settles the key's budget.
/// Health probes and metric scrapes are monitoring, not usage: not counted.
/// </summary>
internal static class LedgerMiddleware
{
    public static WebApplication UseLedger(this WebApplication app)
    {
        var writer = app.Services.GetRequiredService<LedgerWriter>();
        var clients = app.Services.GetRequiredService<ClientAddress>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var budgets = app.Services.GetRequiredService<KeyBudgets>();
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        var instance = app.Services.GetRequiredService<LedgerInstance>().Id;
        app.Use(async (context, next) =>
        {
            if (RateLimitGroups.Of(context.Request.Path) == RateLimitGroup.Health || AdminRoutes.IsMetrics(context.Request.Path))
            {
                await next(context);
                return;
            }
            var startedAt = time.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            var facts = LedgerFacts.Of(context);
            try
            {
                await next(context);
            }
            finally
            {
                var row = RequestFacts.Read(context, clients.PartitionKey(context), startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, instance);
                budgets.Settle(row, facts);
                writer.Add(row);
                metrics.Record(row);
            }
        });
        return app;
    }
}
