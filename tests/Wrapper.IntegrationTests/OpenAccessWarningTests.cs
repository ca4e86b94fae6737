using Serilog.Core;
using Serilog.Events;
using Wrapper.Server.Diagnostics;

namespace Wrapper.IntegrationTests;

/// <summary>Issue 7: no API_KEY and no terminal means open access, announced loudly when reachable from elsewhere.</summary>
public sealed class OpenAccessWarningTests
{
    private sealed class Capture : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public void Emit(LogEvent logEvent)
        {
            lock (_events) _events.Add(logEvent);
        }

        public bool Warned() { lock (_events) return _events.Any(e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("SECURITY WARNING", StringComparison.Ordinal)); }
    }

    [TestCase("0.0.0.0", true)]
    [TestCase("127.0.0.1", false)]
    public async Task Running_open_beyond_loopback_logs_a_warning(string host, bool warned)
    {
        var capture = new Capture();
        lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Add(capture);
        try
        {
            await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["HOST"] = host });

            Assert.That(capture.Warned(), Is.EqualTo(warned));
        }
        finally
        {
            lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Remove(capture);
        }
    }
}
