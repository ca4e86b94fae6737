using System.Text.Json;
using Wrapper.Server.Api;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Dialects.OpenAiResponses.Storage;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// <c>GET /v1/responses/{id}</c>, <c>GET /v1/responses/{id}/input_items</c> and
/// <c>DELETE /v1/responses/{id}</c> on the caller's own stored responses
/// (https://platform.openai.com/docs/api-reference/responses/get).
/// </summary>
internal static class StoredResponsesEndpoint
{
    private const int DefaultPage = 20, MaxPage = 100;

    public static async Task GetAsync(HttpContext context, string id, CompletionPipeline pipeline, ResponseStore store)
    {
        await WithStoredAsync(context, id, pipeline, store, async stored =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(stored.ResponseJson, context.RequestAborted);
        });
    }

    public static async Task InputItemsAsync(HttpContext context, string id, CompletionPipeline pipeline, ResponseStore store, int? limit, string? order, string? after)
    {
        await WithStoredAsync(context, id, pipeline, store, async stored =>
        {
            if (limit is < 1 or > MaxPage) throw new GatewayException(GatewayError.InvalidRequest($"'limit' must be between 1 and {MaxPage}.", "limit"));
            if (order is not (null or "asc" or "desc")) throw new GatewayException(GatewayError.InvalidRequest("'order' must be 'asc' or 'desc'.", "order"));
            var items = order == "asc" ? stored.InputItems : stored.InputItems.Reverse().ToList();
            if (after is not null)
            {
                var at = items.ToList().FindIndex(item => ResponseTools.Text(item, "id") == after);
                if (at < 0) throw new GatewayException(GatewayError.InvalidRequest($"'after' names no input item of this response: '{after}'.", "after"));
                items = [.. items.Skip(at + 1)];
            }
            var page = items.Take(limit ?? DefaultPage).ToList();
            var list = new InputItemList(page, page.Count > 0 ? ResponseTools.Text(page[0], "id") : null,
                page.Count > 0 ? ResponseTools.Text(page[^1], "id") : null, items.Count > page.Count);
            await Results.Json(list, ResponsesJson.Context.InputItemList).ExecuteAsync(context);
        });
    }

    public static async Task DeleteAsync(HttpContext context, string id, CompletionPipeline pipeline, ResponseStore store)
    {
        try
        {
            var deleted = ResponseIds.LooksLikeResponseId(id)
                && await StoreCall.RunAsync(() => store.DeleteAsync(pipeline.IdentityOf(context), id, context.RequestAborted));
            if (!deleted) throw new GatewayException(ResponsesErrors.ResponseNotFound(id));
            await Results.Json(new ResponseDeleted(id), ResponsesJson.Context.ResponseDeleted).ExecuteAsync(context);
        }
        catch (GatewayException e)
        {
            await ErrorResponses.WriteAsync(context.Response, e.Error, context.RequestAborted);
        }
    }

    private static async Task WithStoredAsync(HttpContext context, string id, CompletionPipeline pipeline, ResponseStore store, Func<StoredResponse, Task> answer)
    {
        try
        {
            var stored = ResponseIds.LooksLikeResponseId(id)
                ? await StoreCall.RunAsync(() => store.FindAsync(pipeline.IdentityOf(context), id, context.RequestAborted))
                : null;
            await answer(stored ?? throw new GatewayException(ResponsesErrors.ResponseNotFound(id)));
        }
        catch (GatewayException e)
        {
            await ErrorResponses.WriteAsync(context.Response, e.Error, context.RequestAborted);
        }
    }
}
