using System.Net;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Wrapper.Server.Configuration;

namespace Wrapper.Server.Hosting;

/// <summary>Configuration sources, logging and Kestrel.</summary>
internal static class HostingExtensions
{
    /// <summary>Reads <c>.env</c> from the working directory; real environment variables win over it.</summary>
    public static WebApplicationBuilder AddDotEnvFile(this WebApplicationBuilder builder)
    {
        DotEnvConfigurationSource.InsertBeforeEnvironment(builder.Configuration, Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        return builder;
    }

    public static WebApplicationBuilder AddWrapperLogging(this WebApplicationBuilder builder)
    {
        var debug = IsTrue(builder.Configuration["DEBUG_MODE"]) || IsTrue(builder.Configuration["VERBOSE"]);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
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
            switch (options.Host)
            {
                case "localhost": kestrel.ListenLocalhost(options.Port); break;
                case "0.0.0.0": kestrel.ListenAnyIP(options.Port); break;
                default: kestrel.Listen(IPAddress.Parse(options.Host), options.Port); break;
            }
        });
        return builder;
    }

    public static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
