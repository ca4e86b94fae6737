using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// A Chat Completions stream for <see cref="HeldBackStream"/>: chat.completion.chunk events in the
/// order of <see cref="ChunkSequence"/> (role chunk, progress markers for a <c>-progress</c> model,
/// deltas, one finish chunk, the usage chunk when asked for, <c>[DONE]</c>), <c>: keepalive</c>
/// comments while silent; a failure after the 200 is one error event, and the stream ends.
/// </summary>
internal sealed class ChatStreamRenderer(CompletionRequest request, TimeProvider time) : IStreamRenderer
{
    private ChunkSequence? _chunks;
    private bool _failed;

    public byte[]? KeepaliveFrame => null;
    public bool Ended => _failed || _chunks?.Ended == true;
    public int? TotalTokens => _chunks?.Usage is { } usage ? usage.PromptTokens + usage.OutputTokens : null;
    public bool ShowsProgress => request.ShowProgress;
    public bool AnswerStarted => _chunks?.AnswerStarted == true;

    public async Task BeginAsync(SseWriter sse, IReadOnlyList<ProviderEvent> held, CancellationToken cancellationToken)
    {
        // The model the CLI named before the first chunk is the stream's model throughout.
        var model = held.OfType<ModelReported>().LastOrDefault()?.Model ?? request.Model;
        _chunks = new ChunkSequence(sse, new ChunkFactory(model, time), request.IncludeUsage, cancellationToken);
        await _chunks.StartAsync(request.ShowProgress);
        foreach (var providerEvent in held) await _chunks.WriteAsync(providerEvent);
    }

    public Task WriteAsync(SseWriter sse, ProviderEvent providerEvent, CancellationToken cancellationToken) => Chunks.WriteAsync(providerEvent);

    public Task WriteProgressAsync(SseWriter sse, string marker, CancellationToken cancellationToken) => Chunks.WriteProgressAsync(marker);

    public Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken)
    {
        _failed = true;
        return ChunkSequence.WriteErrorAsync(sse, error, cancellationToken);
    }

    private ChunkSequence Chunks => _chunks ?? throw new InvalidOperationException("The stream has not begun.");
}
