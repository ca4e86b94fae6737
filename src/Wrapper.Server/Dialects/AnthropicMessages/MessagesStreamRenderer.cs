using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// A Messages stream for <see cref="HeldBackStream"/>: the named SSE events of
/// <see cref="MessageEventSequence"/>, flushed one by one, with Anthropic's <c>ping</c> event as the
/// keepalive; a failure after the 200 is one <c>error</c> event, and the stream ends. A <c>-progress</c>
/// model's markers are text deltas of the first text block.
/// </summary>
internal sealed class MessagesStreamRenderer(MessageEventSequence sequence, bool showProgress) : IStreamRenderer
{
    private static readonly byte[] Ping = SseWriter.NamedFrame("ping", new PingEvent(), AnthropicJsonContext.Wire.PingEvent);

    private bool _failed;

    public byte[]? KeepaliveFrame => Ping;
    public bool Ended => _failed || sequence.Ended;
    public int? TotalTokens => sequence.Usage is { } usage ? usage.PromptTokens + usage.OutputTokens : null;
    public bool ShowsProgress => showProgress;
    public bool AnswerStarted => sequence.AnswerStarted;

    public Task BeginAsync(SseWriter sse, IReadOnlyList<ProviderEvent> held, CancellationToken cancellationToken) =>
        WriteAllAsync(sse, sequence.Begin(held, showProgress), cancellationToken);

    public Task WriteProgressAsync(SseWriter sse, string marker, CancellationToken cancellationToken) =>
        WriteAllAsync(sse, sequence.Progress(marker), cancellationToken);

    public Task WriteAsync(SseWriter sse, ProviderEvent providerEvent, CancellationToken cancellationToken) =>
        WriteAllAsync(sse, sequence.On(providerEvent), cancellationToken);

    public Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken)
    {
        _failed = true;
        return sse.WriteNamedEventAsync("error", AnthropicErrors.Body(error), AnthropicJsonContext.Wire.ErrorResponse, cancellationToken, close: true);
    }

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
