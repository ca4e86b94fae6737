using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>Makes each request's <see cref="MessagesAnswer"/>: the stop sequences are the request's own.</summary>
internal sealed class MessagesAnswers(HeldBackStream stream, IOptions<StreamingOptions> streaming)
{
    public MessagesAnswer For(IReadOnlyList<string> stopSequences) => new(stream, streaming.Value, stopSequences);
}

/// <summary>A run rendered as the Messages API: named SSE events, or one <c>message</c>; errors in Anthropic's shape.</summary>
internal sealed class MessagesAnswer(HeldBackStream stream, StreamingOptions streaming, IReadOnlyList<string> stopSequences) : IDialectAnswer
{
    public string Dialect => "anthropic-messages";

    public async Task WriteAsync(HttpContext context, CompletionRun run, CompletionRequest request, CancellationToken cancellationToken)
    {
        var sequence = new MessageEventSequence(NewId(), request.Model, stopSequences);
        if (request.Stream)
        {
            await stream.StreamAsync(context.Response, run, new MessagesStreamRenderer(sequence, request.ShowProgress), cancellationToken);
            return;
        }
        var message = CollectAsync(run, sequence, cancellationToken);
        await JsonKeepalive.WhileRunningAsync(context.Response, message, streaming.KeepaliveInterval, cancellationToken);
        await JsonSerializer.SerializeAsync(context.Response.Body, await message, AnthropicJsonContext.Wire.Message, cancellationToken);
        context.Items[RequestLogItems.Tokens] = sequence.Usage is { } usage ? usage.PromptTokens + usage.OutputTokens : null;
    }

    public async Task WriteErrorAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
            await AnthropicErrors.WriteAsync(response, error, cancellationToken);
        else
            await JsonSerializer.SerializeAsync(response.Body, AnthropicErrors.Body(error), AnthropicJsonContext.Wire.ErrorResponse, cancellationToken);
    }

    /// <summary>The whole run as one message; a failure is a <see cref="GatewayException"/>.</summary>
    internal static async Task<Message> CollectAsync(CompletionRun run, MessageEventSequence sequence, CancellationToken cancellationToken)
    {
        var message = new MessageAccumulator();
        foreach (var streamEvent in sequence.Begin([])) message.Apply(streamEvent);
        await foreach (var providerEvent in run.ReadEventsAsync(cancellationToken))
        {
            if (providerEvent is TurnFailed failed) throw new GatewayException(failed.Error);
            foreach (var streamEvent in sequence.On(providerEvent)) message.Apply(streamEvent);
            if (sequence.Ended) return message.Result(sequence.Model);
        }
        // The run ended without an outcome only when the client left: nobody to answer.
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary><c>msg_</c> and 24 random characters, as Anthropic's ids look.</summary>
    internal static string NewId() => "msg_" + Guid.NewGuid().ToString("N")[..24];
}
