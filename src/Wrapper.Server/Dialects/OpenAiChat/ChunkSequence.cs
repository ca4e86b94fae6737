using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>Writes one stream's chunks in the order the clients need, from provider events.</summary>
internal sealed class ChunkSequence(SseWriter sse, ChunkFactory chunks, bool includeUsage, CancellationToken cancellationToken)
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<ChatCompletionChunk> Json = WrapperJson.Context.ChatCompletionChunk;

    private TokenUsage? _usage;
    private bool _markersSent;

    /// <summary>The usage the CLI reported last.</summary>
    public TokenUsage? Usage => _usage;

    /// <summary>True once <c>[DONE]</c> or the error event was written: nothing follows.</summary>
    public bool Ended { get; private set; }

    /// <summary>True once answer text, reasoning or a tool call has been written: markers stop then.</summary>
    public bool AnswerStarted { get; private set; }

    /// <summary>The role chunk; with progress on, it carries the first marker as its content.</summary>
    public Task StartAsync(bool showProgress)
    {
        _markersSent = showProgress;
        return Write(showProgress ? chunks.Role(ProgressMarkers.First) : chunks.Role());
    }

    public Task WriteProgressAsync(string marker) => Write(chunks.Content(marker));

    public async Task WriteAsync(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case TextDelta text:
                await Write(chunks.Content(BeginAnswer() + text.Text));
                break;
            case ReasoningDelta reasoning:
                AnswerStarted = true;
                await Write(chunks.Reasoning(reasoning.Text));
                break;
            case ToolCallReady call:
                BeginAnswer();
                await Write(chunks.ToolCall(call));
                break;
            case ModelReported:
                // Named after the first chunk (a -progress stream starts at once): OpenAI's chunks all
                // carry one model, so the stream keeps the id it began with.
                break;
            case UsageReported reported:
                _usage = reported.Usage;
                break;
            case TurnCompleted completed:
                await Write(chunks.Finish(completed.Reason));
                if (includeUsage) await Write(chunks.Usage(_usage));
                await sse.WriteDoneAsync(cancellationToken);
                Ended = true;
                break;
            case TurnFailed failed:
                await WriteErrorAsync(sse, failed.Error, cancellationToken);
                Ended = true;
                break;
        }
    }

    /// <summary>A failed stream's last event: OpenAI's error JSON as a <c>data:</c> event, and no <c>[DONE]</c>.</summary>
    public static Task WriteErrorAsync(SseWriter sse, Diagnostics.GatewayError error, CancellationToken cancellationToken) =>
        sse.WriteFinalEventAsync(Api.ErrorResponses.Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);

    /// <summary>The separator that puts the answer on its own line after markers, once.</summary>
    private string BeginAnswer()
    {
        var separator = _markersSent && !AnswerStarted ? ProgressMarkers.AnswerSeparator : "";
        AnswerStarted = true;
        return separator;
    }

    private Task Write(ChatCompletionChunk chunk) => sse.WriteEventAsync(chunk, Json, cancellationToken);
}
