using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Security;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// A Responses body as <c>POST /v1/debug/responses</c> shows it: parsed exactly as
/// <c>POST /v1/responses</c> parses it (its previous response looked up too), plus what only this
/// dialect decides: the hosted tools dropped, the free-form tools served as one string argument,
/// the input items of the whole conversation, and whether the response would be stored.
/// </summary>
internal sealed class ResponsesDebugView(CompletionPipeline pipeline, ResponsesAnswers answers, IOptions<RequestLimitOptions> limits, TimeProvider time)
{
    public async Task<(CompletionRequest Request, JsonObject? DialectView)> ParseAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await ResponsesEndpoint.ReadBodyAsync(context.Request, cancellationToken);
        var history = await ResponsesEndpoint.HistoryAsync(context, body, pipeline, answers.Store);
        var (request, draft) = ResponsesRequestMapper.Map(body, history, limits.Value.MaxMessages, time.GetUtcNow().ToUnixTimeSeconds());
        return (request, new JsonObject
        {
            ["dialect"] = "openai-responses",
            ["dropped_tools"] = new JsonArray([.. draft.Tools.Dropped.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["custom_tools"] = new JsonArray([.. draft.Tools.CustomNames.Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["input_items"] = draft.InputItems.Count,
            ["previous_input_items"] = history.Count,
            ["store"] = draft.Store,
        });
    }
}
