using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>The rows a test gateway wrote, read straight from its SQLite file.</summary>
internal static class LedgerFile
{
    /// <summary>The chat requests' rows, oldest first, once there are <paramref name="count"/> (the writer batches off the request path).</summary>
    public static async Task<IReadOnlyList<LedgerRow>> RowsAsync(TestGateway gateway, int count, CancellationToken cancellationToken, string? dataDir = null)
    {
        var store = LedgerStores.Create(new LedgerOptions { DataDir = dataDir ?? Path.Combine(gateway.Scratch, "data") });
        while (true)
        {
            var rows = (await store.ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken))
                .Where(r => r.Route.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
            if (rows.Count >= count) return rows;
            await Task.Delay(50, cancellationToken);
        }
    }
}
