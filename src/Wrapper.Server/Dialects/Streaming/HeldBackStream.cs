using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// A run streamed as SSE in any dialect: the 200 is held back until the CLI's first event or the
/// first keepalive is due (<see cref="StreamHoldBack"/>), so an early failure is a real status (a
/// <see cref="GatewayException"/> for the pipeline to write in the dialect's shape); after it,
/// events are written one by one with keepalives while silent, a failure is the dialect's last
/// event, and a shutdown cut ends the stream with one (<see cref="ShutdownCut"/>). A <c>-progress</c>
/// stream (<see cref="IStreamRenderer.ShowsProgress"/>) starts at once instead and shows
/// <see cref="ProgressMarkers"/> while the CLI is silent, until the answer begins.
/// </summary>
internal sealed class HeldBackStream(
    TimeProvider time, IHostApplicationLifetime lifetime, IOptions<ExecutionOptions> execution, IOptions<StreamingOptions> streaming, ILogger<HeldBackStream> logger) : IDisposable
{
    private readonly ShutdownCut _shutdown = new(lifetime, TimeSpan.FromMilliseconds(execution.Value.ShutdownGracePeriodMs), time);

    public async Task StreamAsync(HttpResponse response, CompletionRun run, IStreamRenderer renderer, CancellationToken cancellationToken)
    {
        using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await using var events = run.ReadEventsAsync(stopEvents.Token).GetAsyncEnumerator(stopEvents.Token);
        var cursor = new EventCursor(events);
        try
        {
            // A -progress stream asked for feedback at once: its first marker is not held back (README, "Progress markers").
            var held = renderer.ShowsProgress ? [] : await StreamHoldBack.FirstEventsAsync(cursor, streaming.Value.KeepaliveInterval, time, cancellationToken);
            // Cut before the client saw anything: a 503 it can retry.
            if (_shutdown.Token.IsCancellationRequested && held.All(e => e is UsageReported or ModelReported)) throw new GatewayException(ShutdownCut.Error());
            await StreamStartedAsync(response, cursor, held, renderer, cancellationToken);
        }
        finally
        {
            // An enumerator must not be disposed while a MoveNext is in flight: stop it and let it finish.
            await stopEvents.CancelAsync();
            await cursor.Pending.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => _shutdown.Dispose();

    private async Task StreamStartedAsync(HttpResponse response, EventCursor cursor, IReadOnlyList<ProviderEvent> held, IStreamRenderer renderer, CancellationToken cancellationToken)
    {
        var sse = new SseWriter(response, time, renderer.KeepaliveFrame);
        await sse.StartAsync(cancellationToken);
        using var stopKeepalive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepalive = sse.KeepAliveAsync(streaming.Value.KeepaliveInterval, stopKeepalive.Token);
        try
        {
            await renderer.BeginAsync(sse, held, cancellationToken);
            var progress = renderer.ShowsProgress ? new ProgressMarkers(streaming.Value.ProgressInterval) : null;
            while (!renderer.Ended)
            {
                if (progress is not null && !renderer.AnswerStarted && !await CompletesWithinAsync(cursor.Pending, progress.NextDelay, cancellationToken))
                {
                    await renderer.WriteProgressAsync(sse, progress.Next(), cancellationToken);
                    continue;
                }
                if (await cursor.NextAsync() is not { } providerEvent) break;
                await renderer.WriteAsync(sse, providerEvent, cancellationToken);
            }
            if (!renderer.Ended && _shutdown.Token.IsCancellationRequested) await renderer.WriteErrorAsync(sse, ShutdownCut.Error(), cancellationToken);
            response.HttpContext.Items[RequestLogItems.Tokens] = renderer.TotalTokens;
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Streaming failed after the response began");
            await renderer.WriteErrorAsync(sse, GatewayError.Internal(), cancellationToken);
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
