using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Completions;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Streaming;

/// <summary>
/// Provider events → chat.completion.chunk → SSE, one event per CLI event, flushed at once. The
/// sequence: role chunk, deltas, one finish chunk, the usage chunk when asked for, <c>[DONE]</c>. A
/// failure after the stream began is one error event, and the stream ends.
/// </summary>
internal sealed class ChatCompletionStreamer(TimeProvider time, ILogger<ChatCompletionStreamer> logger)
{
    public async Task StreamAsync(HttpResponse response, CompletionRun run, CompletionRequest request, TimeSpan keepaliveInterval, CancellationToken cancellationToken)
    {
        var chunks = new ChunkFactory(request.Model, time);
        var sse = new SseWriter(response, time);
        var json = WrapperJson.Context.ChatCompletionChunk;
        await sse.StartAsync(cancellationToken);

        using var stopKeepalive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepalive = sse.KeepAliveAsync(keepaliveInterval, stopKeepalive.Token);
        try
        {
            await sse.WriteEventAsync(chunks.Role(), json, cancellationToken);
            TokenUsage? usage = null;
            await foreach (var providerEvent in run.ReadEventsAsync(cancellationToken))
            {
                switch (providerEvent)
                {
                    case TextDelta text:
                        await sse.WriteEventAsync(chunks.Content(text.Text), json, cancellationToken);
                        break;
                    case ReasoningDelta reasoning:
                        await sse.WriteEventAsync(chunks.Reasoning(reasoning.Text), json, cancellationToken);
                        break;
                    case UsageReported reported:
                        usage = reported.Usage;
                        break;
                    case TurnCompleted completed:
                        await sse.WriteEventAsync(chunks.Finish(completed.Reason), json, cancellationToken);
                        if (request.IncludeUsage) await sse.WriteEventAsync(chunks.Usage(usage), json, cancellationToken);
                        await sse.WriteDoneAsync(cancellationToken);
                        break;
                    case TurnFailed failed:
                        await WriteErrorAsync(sse, failed.Error, cancellationToken);
                        break;
                }
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
}
