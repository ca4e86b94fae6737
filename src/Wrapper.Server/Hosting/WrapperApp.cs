using Wrapper.Server.Api;
using Wrapper.Server.Dashboard;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Hosting;

/// <summary>The composition root: every part of the gateway, named, in order. Tests build the same app.</summary>
internal static class WrapperApp
{
    /// <summary>The settings as the server would read them (environment and .env files), for a command that runs instead of the server.</summary>
    public static IConfiguration CommandConfiguration() =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).AddDotEnvFile().Configuration;

    /// <param name="args">Command-line arguments (<c>--port 9000</c> wins over PORT).</param>
    /// <param name="configure">Lets tests add settings (an in-memory source added last, so it wins).</param>
    public static WebApplication Create(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.AddDotEnvFile();
        configure?.Invoke(builder.Configuration);
        builder.AddApiKeyPrompt(mayAsk: configure is null); // tests configure the app and are never asked
        builder.AddWrapperLogging();
        builder.AddWrapperKestrel();
        builder.AddRequestLimits();
        builder.Services
            .AddWrapperOptions(builder.Configuration)
            .AddProcessLayer()
            .AddProviders()
            .AddCompletions()
            .AddWrapperRateLimiting()
            .AddLedger();

        var app = builder.Build();
        app.UseRequestLog();
        app.UseLedger();      // one row per request, refusals too
        app.UseOpenAiErrors();
        app.UseHostCheck();   // DNS rebinding
        app.UseOriginCheck(); // other web pages
        app.UseWrapperCors();
        app.UseApiKey();
        app.UseAdminRoutes(); // client keys: not on /admin, nor /metrics
        app.UseJsonBodies();  // no body a page can send without a preflight
        app.UseWrapperRateLimiting();
        app.MapOpenAiEndpoints();
        app.MapMcpEndpoint();
        app.MapLedgerEndpoints(); // keys, usage, metrics
        app.MapDashboard();
        return app;
    }
}
