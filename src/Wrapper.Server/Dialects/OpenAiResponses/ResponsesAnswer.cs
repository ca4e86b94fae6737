using System.Text.Json;
using Wrapper.Server.Api;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// One request's answer in the Responses shape: a stream of <c>response.*</c> events or one
/// <c>response</c> object; stored (when <c>store</c> is not false) before the client has it whole.
/// Errors are OpenAI's, with the same statuses as chat completions.
/// </summary>
internal sealed class ResponsesAnswer(ResponsesAnswers services) : IDialectAnswer
{
    public string Dialect => "openai-responses";

    /// <summary>Set by the parse step, before the pipeline runs the request.</summary>
    public ResponseDraft? Draft { get; set; }

    public async Task WriteAsync(HttpContext context, CompletionRun run, CompletionRequest request, CancellationToken cancellationToken)
    {
        var draft = Draft ?? throw new InvalidOperationException("The request was not parsed.");
        var sequence = new ResponseEventSequence(draft, request.Model);
        if (request.Stream)
        {
            var renderer = new ResponsesStreamRenderer(sequence, final => services.StoreAsync(request.ClientIdentity, draft, final, cancellationToken));
            await services.Stream.StreamAsync(context.Response, run, renderer, cancellationToken);
            return;
        }
        var collected = CollectAsync(run, sequence, cancellationToken);
        await JsonKeepalive.WhileRunningAsync(context.Response, collected, services.KeepaliveInterval, cancellationToken);
        var response = await collected;
        await services.StoreAsync(request.ClientIdentity, draft, response, cancellationToken);
        await JsonSerializer.SerializeAsync(context.Response.Body, response, ResponsesJson.Context.ResponseObject, cancellationToken);
        context.Items[RequestLogItems.Tokens] = response.Usage?.TotalTokens;
    }

    public async Task WriteErrorAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
            await ErrorResponses.WriteAsync(response, error, cancellationToken);
        else
            await JsonSerializer.SerializeAsync(response.Body, ErrorResponses.Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);
    }

    private static async Task<ResponseObject> CollectAsync(CompletionRun run, ResponseEventSequence sequence, CancellationToken cancellationToken)
    {
        await foreach (var providerEvent in run.ReadEventsAsync(cancellationToken))
        {
            if (providerEvent is TurnFailed failed) throw new GatewayException(failed.Error);
            foreach (var _ in sequence.On(providerEvent)) { }
            if (sequence.Final is { } final) return final;
        }
        // The run ended without an outcome only when the client left: nobody to answer.
        throw new OperationCanceledException(cancellationToken);
    }
}
