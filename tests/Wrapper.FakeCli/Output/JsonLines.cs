using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Wrapper.FakeCli.Output;

/// <summary>
/// Stdout as JSON Lines, one write and one flush per line, so the gateway sees each event as soon
/// as the real CLI would send it. Non-ASCII stays raw ("·", "—"), as in the CLI's own output.
/// </summary>
internal sealed class JsonLines(Stream stdout)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public static JsonLines ForStandardOutput() => new(Console.OpenStandardOutput());

    public void Write(Action<Utf8JsonWriter> writeObject)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, Options))
        {
            writer.WriteStartObject();
            writeObject(writer);
            writer.WriteEndObject();
        }
        _buffer.Write("\n"u8);
        WriteBuffer();
    }

    /// <summary>A line of plain text (text output format, replayed recordings).</summary>
    public void WriteText(string line)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(Encoding.UTF8.GetBytes(line + "\n"));
        WriteBuffer();
    }

    private void WriteBuffer()
    {
        stdout.Write(_buffer.WrittenSpan);
        stdout.Flush();
    }
}
