namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// Keeps a long non-streamed request alive: when the answer takes longer than the keepalive
/// interval, the 200 and its headers are sent and a newline follows every interval until the JSON
/// is ready. JSON parsers skip leading whitespace, and clients with a header or idle timeout
/// (Node's fetch: 300 s) keep waiting. Errors that come sooner still get their own status.
/// </summary>
internal static class JsonKeepalive
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public static async Task WhileRunningAsync(HttpResponse response, Task work, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            using (var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var finished = await Task.WhenAny(work, Task.Delay(interval, stopTimer.Token)) == work;
                await stopTimer.CancelAsync();
                if (finished || cancellationToken.IsCancellationRequested) break;
            }
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
            }
            await response.Body.WriteAsync(Newline, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        if (!response.HasStarted) response.ContentType = "application/json";
    }
}
