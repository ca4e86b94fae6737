using Microsoft.Extensions.Options;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Server.Ledger;

internal static class LedgerServices
{
    /// <summary>The ledger's store (engine picked from the settings) and its batching writer.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<ILedgerStore>(provider => LedgerStores.Create(provider.GetRequiredService<IOptions<LedgerOptions>>().Value));
        services.AddSingleton(provider => new LedgerWriter(
            provider.GetRequiredService<ILedgerStore>(), provider.GetRequiredService<IOptions<LedgerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<LedgerWriter>>()));
        services.AddHostedService(provider => provider.GetRequiredService<LedgerWriter>());
        return services;
    }
}
