using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Endpoints;
using Wrapper.Server.Ledger.Metrics;
using Wrapper.Server.Ledger.Storage;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger;

internal static class LedgerServices
{
    /// <summary>The ledger's database (engine picked from the settings), its batching writer, the client keys, budgets and metrics.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton(provider => LedgerStores.Database(provider.GetRequiredService<IOptions<LedgerOptions>>().Value));
        services.AddSingleton<ILedgerStore>(provider => new AdoLedgerStore(provider.GetRequiredService<LedgerDatabase>()));
        services.AddSingleton(provider => new ClientKeyStore(provider.GetRequiredService<LedgerDatabase>()));
        services.AddSingleton<ClientKeys>();
        services.AddSingleton<LedgerInstance>();
        services.AddSingleton<KeyBudgets>();
        services.AddSingleton(provider => new LedgerWriter(
            provider.GetRequiredService<ILedgerStore>(), provider.GetRequiredService<IOptions<LedgerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<LedgerWriter>>()));
        services.AddHostedService(provider => provider.GetRequiredService<LedgerWriter>());
        services.AddSingleton<CliProcessGauges>();
        services.AddSingleton<GatewayMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>The key, usage and metrics routes; the CLI slots feed the process gauges.</summary>
    public static WebApplication MapLedgerEndpoints(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<CliConcurrencyGate>();
        var gauges = app.Services.GetRequiredService<CliProcessGauges>();
        gauges.Feed(CliProcessGauges.Running, () => gate.Running);
        gauges.Feed(CliProcessGauges.Warm, () => gate.Idle);
        app.Services.GetRequiredService<GatewayMetrics>(); // the meter exists before the first scrape
        app.MapKeyAdmin();
        app.MapGet("/v1/usage", UsageEndpoint.HandleAsync);
        app.MapGet("/usage", UsageEndpoint.HandleAsync);
        app.MapPrometheusScrapingEndpoint(AdminRoutes.MetricsPath);
        return app;
    }
}
