using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger.Contracts;
using Wrapper.Server.Ledger.Storage;
using Wrapper.Server.Ledger.Usage;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger.Endpoints;

/// <summary>
/// <c>GET /v1/usage</c>: the model requests of the ledger (those an API dialect took, refusals of
/// budgets included), summed by key, model, provider, day, hour or minute, or in total; the gateway's own routes (keys, usage,
/// models) stay in the ledger but out of the report. The admin key sees every key; a client key only
/// its own requests. Rows still waiting for the database are written first
/// (for a moment at most), so what a client was just told is in its report.
/// </summary>
internal static class UsageEndpoint
{
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(2);

    public static async Task HandleAsync(HttpContext context, ILedgerStore store, LedgerWriter writer, TimeProvider time)
    {
        var aborted = context.RequestAborted;
        try
        {
            var query = UsageQuery.Parse(context.Request.Query, time.GetUtcNow());
            await writer.FlushAsync(FlushWait, aborted);
            var own = CallerKey.ClientOf(context)?.Name;
            var rows = (await ReadAsync(store, query, aborted)).Where(r => r.Dialect != RequestFacts.GatewayDialect && (own is null || r.KeyId == own));
            var list = new UsageList(query.GroupBy, query.From.ToUnixTimeSeconds(), query.To.ToUnixTimeSeconds(), UsageReport.Summarise(rows, query.GroupBy));
            await TypedResults.Json(list, LedgerJsonContext.Default.UsageList).ExecuteAsync(context);
        }
        catch (GatewayException e)
        {
            await ErrorResponses.WriteAsync(context.Response, e.Error, aborted);
        }
    }

    private static async Task<IReadOnlyList<LedgerRow>> ReadAsync(ILedgerStore store, UsageQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(query.From, query.To, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            throw new GatewayException(LedgerUnavailable());
        }
    }

    public static GatewayError LedgerUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "ledger_unavailable",
            "The ledger's database does not answer; requests are still served and counted, try the report again shortly.") { RetryAfterSeconds = 5 };
}
