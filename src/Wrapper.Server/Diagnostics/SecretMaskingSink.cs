using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// Wraps the real sinks: every event's template text, string properties (nested too) and exception
/// text pass through <see cref="SecretMasker"/> before anything is written, at every level.
/// </summary>
internal sealed class SecretMaskingSink(ILogEventSink inner, SecretMasker masker) : ILogEventSink, IDisposable
{
    private readonly MessageTemplateParser _parser = new();

    public void Emit(LogEvent logEvent)
    {
        var template = masker.Mask(logEvent.MessageTemplate.Text);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Mask(p.Value)));
        var exception = logEvent.Exception is { } e ? new MaskedException(masker.Mask(e.ToString())) : null;
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, _parser.Parse(template), properties));
    }

    private LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(masker.Mask(text)),
        ScalarValue { Value: Uri uri } => new ScalarValue(masker.Mask(uri.ToString())),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Mask)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Mask(kv.Value)))),
        _ => value,
    };

    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>An exception reduced to its masked text (type, message and stack trace).</summary>
    private sealed class MaskedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }
}
