using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// Writes Server-Sent Events: <c>data:</c> events (named with an <c>event:</c> line where the dialect
/// names them) flushed one by one, and a keepalive whenever nothing was written for the keepalive
/// interval: a <c>: keepalive</c> comment, or the dialect's own frame (Anthropic's <c>ping</c> event).
/// Writes are serialised, so a keepalive can never land inside an event, and nothing is written
/// after <c>data: [DONE]</c> or a final event.
/// </summary>
internal sealed class SseWriter(HttpResponse response, TimeProvider time, byte[]? keepaliveFrame = null)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] Keepalive = ": keepalive\n\n"u8.ToArray();

    private readonly SemaphoreSlim _gate = new(1, 1);

    public HttpResponse Response => response;
    private long _lastWrite = time.GetTimestamp();
    private bool _closed;

    /// <summary>Sends the 200 and the SSE headers, flushed, once the stream's hold-back is over (<see cref="StreamHoldBack"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public Task WriteEventAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteAsync(Encoding(value, typeInfo), close: false, cancellationToken);

    /// <summary>The last event of a stream that failed: one <c>data: {"error":...}</c>, then nothing.</summary>
    public Task WriteFinalEventAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteAsync(Encoding(value, typeInfo), close: true, cancellationToken);

    /// <summary>An event with its name: <c>event: NAME</c>, then its <c>data:</c> line; <paramref name="close"/> makes it the last.</summary>
    public Task WriteNamedEventAsync<T>(string name, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, bool close = false) =>
        WriteAsync(NamedFrame(name, value, typeInfo), close, cancellationToken);

    /// <summary>The bytes of a named event (also a dialect's keepalive frame).</summary>
    public static byte[] NamedFrame<T>(string name, T value, JsonTypeInfo<T> typeInfo) =>
        [.. EventPrefix, .. System.Text.Encoding.UTF8.GetBytes(name), .. LineEnd, .. Encoding(value, typeInfo)];

    public Task WriteDoneAsync(CancellationToken cancellationToken) => WriteAsync(Done, close: true, cancellationToken);

    /// <summary>Sends a keepalive whenever the stream was silent for <paramref name="interval"/>, until cancelled or closed.</summary>
    public async Task KeepAliveAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!_closed)
            {
                var silentFor = time.GetElapsedTime(Interlocked.Read(ref _lastWrite));
                if (silentFor >= interval) await WriteAsync(keepaliveFrame ?? Keepalive, close: false, cancellationToken);
                else await Task.Delay(interval - silentFor, time, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream ended or the client left: the keepalives' work is done.
        }
    }

    private static byte[] Encoding<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return [.. DataPrefix, .. json, .. EventEnd];
    }

    private async Task WriteAsync(byte[] bytes, bool close, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closed) return;
            _closed = close;
            await response.Body.WriteAsync(bytes, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            Interlocked.Exchange(ref _lastWrite, time.GetTimestamp());
        }
        finally
        {
            _gate.Release();
        }
    }
}
