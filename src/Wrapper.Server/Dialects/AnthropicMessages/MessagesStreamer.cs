using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// A run as a Messages stream: named SSE events from <see cref="MessageEventSequence"/>, flushed one
/// by one, with Anthropic's <c>ping</c> event as the keepalive. As for Chat Completions, the 200 is
/// held back until the CLI's first event or the first keepalive is due (<see cref="StreamHoldBack"/>),
/// so an early failure is a real status in Anthropic's error shape; after it, a failure is one
/// <c>error</c> event and the stream ends.
/// </summary>
internal sealed class MessagesStreamer(TimeProvider time, IHostApplicationLifetime lifetime, IOptions<ExecutionOptions> execution, ILogger<MessagesStreamer> logger) : IDisposable
{
    private static readonly byte[] Ping = SseWriter.NamedFrame("ping", new PingEvent(), AnthropicJsonContext.Wire.PingEvent);

    private readonly ShutdownCut _shutdown = new(lifetime, TimeSpan.FromMilliseconds(execution.Value.ShutdownGracePeriodMs), time);

    public async Task StreamAsync(HttpResponse response, CompletionRun run, MessageEventSequence sequence, TimeSpan keepaliveInterval, CancellationToken cancellationToken)
    {
        using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await using var events = run.ReadEventsAsync(stopEvents.Token).GetAsyncEnumerator(stopEvents.Token);
        var cursor = new EventCursor(events);
        try
        {
            var held = await StreamHoldBack.FirstEventsAsync(cursor, keepaliveInterval, time, cancellationToken);
            if (_shutdown.Token.IsCancellationRequested && held.All(e => e is UsageReported or ModelReported)) throw new GatewayException(ShutdownCut.Error());
            await StreamStartedAsync(response, cursor, held, sequence, keepaliveInterval, cancellationToken);
        }
        finally
        {
            // An enumerator must not be disposed while a MoveNext is in flight: stop it and let it finish.
            await stopEvents.CancelAsync();
            await cursor.Pending.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => _shutdown.Dispose();

    private async Task StreamStartedAsync(HttpResponse response, EventCursor cursor, IReadOnlyList<ProviderEvent> held, MessageEventSequence sequence, TimeSpan keepaliveInterval, CancellationToken cancellationToken)
    {
        var sse = new SseWriter(response, time, Ping);
        await sse.StartAsync(cancellationToken);
        using var stopKeepalive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepalive = sse.KeepAliveAsync(keepaliveInterval, stopKeepalive.Token);
        try
        {
            await WriteAllAsync(sse, sequence.Begin(held), cancellationToken);
            while (!sequence.Ended && await cursor.NextAsync() is { } providerEvent)
                await WriteAllAsync(sse, sequence.On(providerEvent), cancellationToken);
            if (!sequence.Ended && _shutdown.Token.IsCancellationRequested) await WriteErrorAsync(sse, ShutdownCut.Error(), cancellationToken);
            response.HttpContext.Items[RequestLogItems.Tokens] = sequence.Usage is { } usage ? usage.PromptTokens + usage.OutputTokens : null;
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

    private static Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken) =>
        sse.WriteNamedEventAsync("error", AnthropicErrors.Body(error), AnthropicJsonContext.Wire.ErrorResponse, cancellationToken, close: true);

    private static async Task WriteAllAsync(SseWriter sse, IEnumerable<object> events, CancellationToken cancellationToken)
    {
        var context = AnthropicJsonContext.Wire;
        foreach (var streamEvent in events)
        {
            await (streamEvent switch
            {
                MessageStartEvent e => sse.WriteNamedEventAsync("message_start", e, context.MessageStartEvent, cancellationToken),
                ContentBlockStartEvent e => sse.WriteNamedEventAsync("content_block_start", e, context.ContentBlockStartEvent, cancellationToken),
                ContentBlockDeltaEvent e => sse.WriteNamedEventAsync("content_block_delta", e, context.ContentBlockDeltaEvent, cancellationToken),
                ContentBlockStopEvent e => sse.WriteNamedEventAsync("content_block_stop", e, context.ContentBlockStopEvent, cancellationToken),
                MessageDeltaEvent e => sse.WriteNamedEventAsync("message_delta", e, context.MessageDeltaEvent, cancellationToken),
                MessageStopEvent e => sse.WriteNamedEventAsync("message_stop", e, context.MessageStopEvent, cancellationToken, close: true),
                ErrorResponse e => sse.WriteNamedEventAsync("error", e, context.ErrorResponse, cancellationToken, close: true),
                _ => throw new InvalidOperationException($"No SSE event for {streamEvent.GetType().Name}."),
            });
        }
    }
}
