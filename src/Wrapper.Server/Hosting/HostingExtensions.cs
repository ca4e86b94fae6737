using System.Net;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Wrapper.Server.Configuration;

namespace Wrapper.Server.Hosting;

/// <summary>Configuration sources, logging and Kestrel.</summary>
internal static class HostingExtensions
{
    /// <summary>The <c>.env</c> files of the repository root and of the start folder, under the environment (see <see cref="DotEnvLocations"/>).</summary>
    public static WebApplicationBuilder AddDotEnvFile(this WebApplicationBuilder builder)
    {
        // Weakest first: each one is inserted just before the environment variables, so a later file wins over an earlier one.
        foreach (var file in DotEnvLocations.Files(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD")))
            DotEnvConfigurationSource.InsertBeforeEnvironment(builder.Configuration, file);
        return builder;
    }

    public static WebApplicationBuilder AddWrapperLogging(this WebApplicationBuilder builder)
    {
        // Levels and secret masking live in Diagnostics/WrapperLogging; the console is one sink behind the mask.
        var logger = Diagnostics.WrapperLogging.Create(builder.Configuration, sinks =>
                sinks.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"))
            .CreateLogger();
        builder.Logging.ClearProviders();
        // Serilog as the logger factory, and its ILogger and diagnostic context for the request log
        // (Diagnostics/RequestLogMiddleware, Serilog.AspNetCore's request logging).
        builder.Services.AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>Listens on HOST:PORT and limits the body size, both from validated settings.</summary>
    public static WebApplicationBuilder AddWrapperKestrel(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            var port = Diagnostics.PortSelector.FirstFree(options.Host, options.Port, Console.Out); // a taken port moves on
            switch (options.Host)
            {
                case "localhost": kestrel.ListenLocalhost(port); break;
                case "0.0.0.0": kestrel.ListenAnyIP(port); break;
                default: kestrel.Listen(IPAddress.Parse(options.Host), port); break;
            }
        });
        return builder;
    }

    public static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
