using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Completions;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Streaming;

/// <summary>
/// Provider events → chat.completion.chunk → SSE, one event per CLI event, flushed at once. The
/// sequence: role chunk, (progress markers,) deltas, one finish chunk, the usage chunk when asked
/// for, <c>[DONE]</c>. A failure after the stream began is one error event, and the stream ends.
/// </summary>
internal sealed class ChatCompletionStreamer(TimeProvider time, ILogger<ChatCompletionStreamer> logger)
{
    public async Task StreamAsync(HttpResponse response, CompletionRun run, CompletionRequest request, StreamTimings timings, CancellationToken cancellationToken)
    {
        var sse = new SseWriter(response, time);
        await sse.StartAsync(cancellationToken);

        using var stopKeepalive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepalive = sse.KeepAliveAsync(timings.KeepaliveInterval, stopKeepalive.Token);
        try
        {
            var writer = new ChunkSequence(sse, new ChunkFactory(request.Model, time), request.IncludeUsage, cancellationToken);
            await writer.StartAsync(request.ShowProgress);
            var progress = request.ShowProgress ? new ProgressMarkers(timings.ProgressInterval) : null;
            using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await using var events = run.ReadEventsAsync(stopEvents.Token).GetAsyncEnumerator(stopEvents.Token);
            var next = events.MoveNextAsync().AsTask();
            try
            {
                while (true)
                {
                    if (progress is not null && !writer.AnswerStarted && !await CompletesWithinAsync(next, progress.NextDelay, cancellationToken))
                    {
                        await writer.WriteProgressAsync(progress.Next());
                        continue;
                    }
                    if (!await next) break;
                    await writer.WriteAsync(events.Current);
                    next = events.MoveNextAsync().AsTask();
                }
            }
            finally
            {
                // An enumerator must not be disposed while a MoveNext is in flight: stop it and let it finish.
                await stopEvents.CancelAsync();
                await next.ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Streaming failed after the response began");
            await WriteErrorAsync(sse, GatewayError.Internal(), cancellationToken);
        }
        finally
        {
            await stopKeepalive.CancelAsync();
            await keepalive;
        }
    }

    public static Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken) =>
        sse.WriteFinalEventAsync(Api.ErrorResponses.Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan delay, CancellationToken cancellationToken)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stopDelay.Token);
        var first = await Task.WhenAny(task, timer);
        await stopDelay.CancelAsync();
        return first == task;
    }
}
