using Wrapper.Server.Dialects.AnthropicMessages;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Api;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the <see cref="ModelCatalog"/> in OpenAI's shape, or Anthropic's for its clients.</summary>
internal static class ModelsEndpoint
{
    // Clients read only data[].id; a fixed date keeps the list stable between restarts.
    private static readonly long Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>OpenAI's list, or Anthropic's page for a request with <c>anthropic-version</c> (the same models).</summary>
    public static async Task<IResult> HandleAsync(HttpContext context, ModelCatalog catalog)
    {
        var list = await ListAsync(catalog);
        return ErrorShapes.Of(context.Request) == ErrorShape.Anthropic
            ? TypedResults.Json(AnthropicModels.Page(list), AnthropicJsonContext.Wire.ModelPage)
            : TypedResults.Ok(list);
    }

    /// <summary>
    /// <c>GET /v1/models/{id}</c> (the SDKs' <c>models.retrieve</c>): one entry of the list in OpenAI's
    /// shape, or a 404 <c>model_not_found</c> in OpenAI's error shape.
    /// </summary>
    public static async Task RetrieveAsync(string id, HttpContext context, ModelCatalog catalog)
    {
        var list = await ListAsync(catalog);
        if (list.Data.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)) is not { } model)
            await ErrorResponses.WriteAsync(context.Response, Diagnostics.GatewayError.ModelNotFound(id), context.RequestAborted);
        else if (ErrorShapes.Of(context.Request) == ErrorShape.Anthropic)
            await TypedResults.Json(AnthropicModels.Info(model), AnthropicJsonContext.Wire.ModelInfo).ExecuteAsync(context);
        else
            await TypedResults.Ok(model).ExecuteAsync(context);
    }

    internal static async Task<ModelList> ListAsync(ModelCatalog catalog) =>
        new([.. (await catalog.ListAsync()).Select(model => new ModelEntry(model.Id, Created, model.OwnedBy))]);
}
