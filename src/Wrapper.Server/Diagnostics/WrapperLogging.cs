using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// The one Serilog set-up: levels from DEBUG_MODE / VERBOSE, and every sink behind the
/// <see cref="SecretMaskingSink"/>, so no level can write a key.
/// </summary>
internal static class WrapperLogging
{
    /// <summary>Sinks tests add to read what the gateway logs (through the same masking as the console).</summary>
    public static readonly List<ILogEventSink> TestSinks = [];

    public static bool Verbose(IConfiguration configuration) => IsTrue(configuration["VERBOSE"]);

    public static LoggerConfiguration Create(IConfiguration configuration, Action<LoggerSinkConfiguration> sinks)
    {
        var debug = IsTrue(configuration["DEBUG_MODE"]) || Verbose(configuration);
        var masker = SecretMasker.FromConfiguration(configuration);
        ILogEventSink[] extra;
        lock (TestSinks) extra = [.. TestSinks];
        return new LoggerConfiguration()
            .MinimumLevel.Is(Verbose(configuration) ? LogEventLevel.Verbose : debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", debug ? LogEventLevel.Information : LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // The MCP SDK logs every handler call (two lines per call, each CLI's start makes four): library chatter, as Microsoft's.
            .MinimumLevel.Override("ModelContextProtocol", debug ? LogEventLevel.Information : LogEventLevel.Warning)
            .WriteTo.Sink(new SecretMaskingSink(new FanOutSink(sinks, extra), masker));
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>The configured sinks as one, so that the masking sink can sit in front of them all.</summary>
    private sealed class FanOutSink : ILogEventSink, IDisposable
    {
        private readonly Logger _logger;

        public FanOutSink(Action<LoggerSinkConfiguration> sinks, IEnumerable<ILogEventSink> extra)
        {
            var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
            sinks(configuration.WriteTo);
            foreach (var sink in extra) configuration.WriteTo.Sink(sink);
            _logger = configuration.CreateLogger();
        }

        public void Emit(LogEvent logEvent) => _logger.Write(logEvent);

        public void Dispose() => _logger.Dispose();
    }
}
