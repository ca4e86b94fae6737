using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// A Responses stream as SSE: each event named by its type (<c>event: response.created</c>) with its
/// JSON, <c>: keepalive</c> comments while the CLI is silent, and nothing after the last
/// <c>response.*</c> or <c>error</c> event. The finished response is handed to
/// <paramref name="beforeLast"/> (storing it) before its last event goes out, so a client that
/// continues at once with <c>previous_response_id</c> finds it.
/// </summary>
internal sealed class ResponsesStreamRenderer(ResponseEventSequence sequence, Func<ResponseObject, Task> beforeLast) : IStreamRenderer
{
    private bool _failed;

    public byte[]? KeepaliveFrame => null;
    public bool Ended => _failed || sequence.Final is not null;
    public int? TotalTokens => sequence.Usage is { } usage ? usage.PromptTokens + usage.OutputTokens : null;

    public async Task BeginAsync(SseWriter sse, IReadOnlyList<ProviderEvent> held, CancellationToken cancellationToken)
    {
        // The model the CLI named before the first event is the response's model throughout.
        foreach (var reported in held.OfType<ModelReported>()) foreach (var _ in sequence.On(reported)) { }
        await WriteAllAsync(sse, sequence.Begin(), cancellationToken);
        foreach (var providerEvent in held.Where(e => e is not ModelReported)) await WriteAsync(sse, providerEvent, cancellationToken);
    }

    public Task WriteAsync(SseWriter sse, ProviderEvent providerEvent, CancellationToken cancellationToken) =>
        WriteAllAsync(sse, sequence.On(providerEvent), cancellationToken);

    public Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken)
    {
        _failed = true;
        var errorEvent = sequence.Error(error);
        return sse.WriteNamedEventAsync(errorEvent.Type, errorEvent, ResponsesJson.Context.ResponseStreamEvent, cancellationToken, close: true);
    }

    private async Task WriteAllAsync(SseWriter sse, IEnumerable<ResponseStreamEvent> events, CancellationToken cancellationToken)
    {
        foreach (var streamEvent in events)
        {
            var last = streamEvent is ResponseLifecycleEvent { Response.Status: not "in_progress" };
            if (last) await beforeLast(sequence.Final!);
            await sse.WriteNamedEventAsync(streamEvent.Type, streamEvent, ResponsesJson.Context.ResponseStreamEvent, cancellationToken, close: last);
        }
    }
}
