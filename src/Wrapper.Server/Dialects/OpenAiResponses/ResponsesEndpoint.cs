using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Dialects.OpenAiResponses.Storage;
using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Security;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary><c>POST /v1/responses</c>: the body (and its <c>previous_response_id</c>'s conversation) into the core's request, run, answered in the Responses shape.</summary>
internal static class ResponsesEndpoint
{
    public static async Task HandleAsync(HttpContext context, CompletionPipeline pipeline, ResponsesAnswers answers, IOptions<RequestLimitOptions> limits, TimeProvider time)
    {
        var answer = answers.Create();
        try
        {
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            var history = await HistoryAsync(context, body, pipeline, answers.Store);
            await pipeline.RunAsync(context, () =>
            {
                var (request, draft) = ResponsesRequestMapper.Map(body, history, limits.Value.MaxMessages, time.GetUtcNow().ToUnixTimeSeconds());
                answer.Draft = draft;
                return request;
            }, answer);
        }
        catch (GatewayException e)
        {
            // A body that cannot be read, or a previous response that is not there: before the pipeline runs.
            await answer.WriteErrorAsync(context.Response, e.Error, context.RequestAborted);
        }
    }

    internal static Task<ResponsesRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(request, ResponsesJson.Context.ResponsesRequest, cancellationToken);

    /// <summary>The stored conversation <c>previous_response_id</c> continues: its input items, then its output; a 404 when it is not there.</summary>
    internal static async Task<IReadOnlyList<JsonElement>> HistoryAsync(HttpContext context, ResponsesRequest body, CompletionPipeline pipeline, ResponseStore store)
    {
        // A malformed id is the mapper's 400; only well-formed ids are looked up.
        if (body.PreviousResponseId is not { } id || !ResponseIds.LooksLikeResponseId(id)) return [];
        var stored = await StoreCall.RunAsync(() => store.FindAsync(pipeline.IdentityOf(context), id, context.RequestAborted))
            ?? throw new GatewayException(ResponsesErrors.ResponseNotFound(id, "previous_response_id"));
        return [.. stored.InputItems, .. stored.OutputItems()];
    }
}
