using Wrapper.Server.Dialects.OpenAiChat;
using Wrapper.Server.Dialects.AnthropicMessages;
using Wrapper.Server.Dialects.OpenAiResponses;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Api;

/// <summary>The routes, each served both under <c>/v1</c> and at the root (clients are given either base URL).</summary>
internal static class OpenAiEndpoints
{
    public static WebApplication MapOpenAiEndpoints(this WebApplication app)
    {
        MapRoutes(app.MapGroup("/v1"));
        MapRoutes(app.MapGroup(""));
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("healthy")));
        app.MapFallback((HttpContext context) => ErrorResponses.WriteAsync(context.Response, Unrouted(context.Request)));
        return app;
    }

    // The fallback sees wrong methods on real routes too: those get 405, not 404.
    private static readonly HashSet<string> KnownPaths = new(StringComparer.OrdinalIgnoreCase)
        { "/v1/chat/completions", "/chat/completions", "/v1/models", "/models", "/v1/auth/status", "/auth/status", "/v1/debug/request", "/debug/request", "/health",
          "/v1/messages", "/messages", "/v1/messages/count_tokens", "/messages/count_tokens",
          "/v1/responses", "/responses", "/v1/debug/responses", "/debug/responses" };

    private static GatewayError Unrouted(HttpRequest request) =>
        KnownPaths.Contains(request.Path.Value?.TrimEnd('/') ?? "")
            ? new GatewayError(StatusCodes.Status405MethodNotAllowed, "invalid_request_error", "method_not_allowed",
                $"{request.Method} is not allowed on {request.Path}.")
            : GatewayError.NotFound(request.Path);

    private static void MapRoutes(RouteGroupBuilder group)
    {
        group.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        group.MapPost("/messages", MessagesEndpoint.HandleAsync);
        group.MapPost("/messages/count_tokens", MessagesEndpoint.CountTokensAsync);
        group.MapPost("/responses", ResponsesEndpoint.HandleAsync);
        group.MapGet("/responses/{id}", StoredResponsesEndpoint.GetAsync);
        group.MapGet("/responses/{id}/input_items", StoredResponsesEndpoint.InputItemsAsync);
        group.MapDelete("/responses/{id}", StoredResponsesEndpoint.DeleteAsync);
        group.MapGet("/models", ModelsEndpoint.HandleAsync);
        group.MapGet("/models/{id}", ModelsEndpoint.RetrieveAsync);
        group.MapGet("/auth/status", AuthStatusEndpoint.HandleAsync);
        group.MapPost("/debug/request", DebugRequestEndpoint.HandleAsync);
        group.MapPost("/debug/responses", DebugRequestEndpoint.HandleResponsesAsync);
    }
}
