using Microsoft.Extensions.Options;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Server.Ledger;

internal static class LedgerServices
{
    /// <summary>The ledger's store (engine picked from the settings) and its batching writer.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton(provider => LedgerStores.Create(provider.GetRequiredService<IOptions<LedgerOptions>>().Value));
        // One database for the ledger and the stored responses (Dialects/OpenAiResponses/Storage).
        services.AddSingleton<ILedgerStore>(provider => provider.GetRequiredService<AdoLedgerStore>());
        services.AddSingleton(provider => new LedgerWriter(
            provider.GetRequiredService<ILedgerStore>(), provider.GetRequiredService<IOptions<LedgerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<LedgerWriter>>()));
        services.AddHostedService(provider => provider.GetRequiredService<LedgerWriter>());
        return services;
    }
}
