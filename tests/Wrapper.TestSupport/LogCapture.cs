using Serilog.Core;
using Serilog.Events;
using Wrapper.Server.Diagnostics;

namespace Wrapper.TestSupport;

/// <summary>
/// Collects what the gateway logs while it is registered (behind the same masking as the real sinks).
/// Register before the gateway starts; dispose to unregister. Tests that use it run one at a time.
/// </summary>
public sealed class LogCapture : ILogEventSink, IDisposable
{
    private readonly List<LogEvent> _events = [];

    public LogCapture()
    {
        lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Add(this);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }

    /// <summary>Every message as the console writes it ({Message:lj}: strings unquoted), with its exception.</summary>
    public string Text
    {
        get { lock (_events) return string.Join("\n", _events.Select(e => e.RenderMessage().Replace("\"", "", StringComparison.Ordinal) + " " + e.Exception)); }
    }

    public bool Any(LogEventLevel level, string fragment)
    {
        lock (_events) return _events.Any(e => e.Level == level && e.RenderMessage().Contains(fragment, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Remove(this);
    }
}
