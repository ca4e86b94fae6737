using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Api.Contracts;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// Provider events → chat.completion.chunk → SSE, one event per CLI event, flushed at once. The
/// sequence: role chunk, (progress markers,) deltas, one finish chunk, the usage chunk when asked
/// for, <c>[DONE]</c>. The 200 is held back until the CLI's first event or the first keepalive is
/// due (<see cref="StreamHoldBack"/>), so a failure before that is a real status (a
/// <see cref="GatewayException"/> for the endpoint to write); after it, a failure is one error
/// event, and the stream ends.
/// </summary>
internal sealed class ChatCompletionStreamer(TimeProvider time, IHostApplicationLifetime lifetime, IOptions<ExecutionOptions> execution, ILogger<ChatCompletionStreamer> logger) : IDisposable
{
    private readonly ShutdownCut _shutdown = new(lifetime, TimeSpan.FromMilliseconds(execution.Value.ShutdownGracePeriodMs), time);

    public async Task StreamAsync(HttpResponse response, CompletionRun run, CompletionRequest request, StreamTimings timings, CancellationToken cancellationToken)
    {
        using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await using var events = run.ReadEventsAsync(stopEvents.Token).GetAsyncEnumerator(stopEvents.Token);
        var cursor = new EventCursor(events);
        try
        {
            // A -progress model asked for feedback at once: its ⏳ is not held back (see README, "Progress markers").
            var held = request.ShowProgress ? [] : await StreamHoldBack.FirstEventsAsync(cursor, timings.KeepaliveInterval, time, cancellationToken);
            // Cut before the client saw anything: a 503 it can retry. With an answer begun, the stream says it after the answer's start.
            if (_shutdown.Token.IsCancellationRequested && held.All(e => e is UsageReported or ModelReported)) throw new GatewayException(ShutdownCut.Error());
            await StreamStartedAsync(response, cursor, held, request, timings, cancellationToken);
        }
        finally
        {
            // An enumerator must not be disposed while a MoveNext is in flight: stop it and let it finish.
            await stopEvents.CancelAsync();
            await cursor.Pending.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => _shutdown.Dispose();

    public static Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken) =>
        sse.WriteFinalEventAsync(Api.ErrorResponses.Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);

    private async Task StreamStartedAsync(HttpResponse response, EventCursor cursor, IReadOnlyList<ProviderEvent> held, CompletionRequest request, StreamTimings timings, CancellationToken cancellationToken)
    {
        var sse = new SseWriter(response, time);
        await sse.StartAsync(cancellationToken);
        using var stopKeepalive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepalive = sse.KeepAliveAsync(timings.KeepaliveInterval, stopKeepalive.Token);
        try
        {
            var writer = new ChunkSequence(sse, new ChunkFactory(held.OfType<ModelReported>().LastOrDefault()?.Model ?? request.Model, time), request.IncludeUsage, cancellationToken);
            await writer.StartAsync(request.ShowProgress);
            foreach (var providerEvent in held) await writer.WriteAsync(providerEvent);
            var progress = request.ShowProgress ? new ProgressMarkers(timings.ProgressInterval) : null;
            while (true)
            {
                if (progress is not null && !writer.AnswerStarted && !await CompletesWithinAsync(cursor.Pending, progress.NextDelay, cancellationToken))
                {
                    await writer.WriteProgressAsync(progress.Next());
                    continue;
                }
                if (await cursor.NextAsync() is not { } providerEvent) break;
                await writer.WriteAsync(providerEvent);
            }
            // The events stopped without a last one because shutdown cut them: say so (no [DONE]).
            if (_shutdown.Token.IsCancellationRequested) await WriteErrorAsync(sse, ShutdownCut.Error(), cancellationToken);
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

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan delay, CancellationToken cancellationToken)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stopDelay.Token);
        var first = await Task.WhenAny(task, timer);
        await stopDelay.CancelAsync();
        return first == task;
    }
}
