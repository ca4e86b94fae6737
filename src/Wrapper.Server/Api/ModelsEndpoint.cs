using Wrapper.Server.Dialects.AnthropicMessages;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Api;

/// <summary>
/// <c>GET /v1/models</c>: for every provider whose CLI is installed, its configured catalogue plus
/// the models the CLI reports itself where it can (<see cref="ICliModelReporter"/>), cached for a day.
/// </summary>
internal static class ModelsEndpoint
{
    // Clients read only data[].id; a fixed date keeps the list stable between restarts.
    private static readonly long Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(24);

    /// <summary>OpenAI's list, or Anthropic's page for a request with <c>anthropic-version</c> (the same models).</summary>
    public static async Task<IResult> HandleAsync(HttpContext context,
        ProviderRegistry providers, IEnumerable<ICliModelReporter> reporters, IConfiguration configuration, CliProbe probe, IMemoryCache cache)
    {
        var list = await CachedAsync(providers, reporters, configuration, probe, cache);
        return ErrorShapes.Of(context.Request) == ErrorShape.Anthropic
            ? TypedResults.Json(AnthropicModels.Page(list), AnthropicJsonContext.Wire.ModelPage)
            : TypedResults.Ok(list);
    }

    /// <summary>
    /// <c>GET /v1/models/{id}</c> (the SDKs' <c>models.retrieve</c>): one entry of the list in OpenAI's
    /// shape, or a 404 <c>model_not_found</c> in OpenAI's error shape.
    /// </summary>
    public static async Task RetrieveAsync(string id, HttpContext context,
        ProviderRegistry providers, IEnumerable<ICliModelReporter> reporters, IConfiguration configuration, CliProbe probe, IMemoryCache cache)
    {
        var list = await CachedAsync(providers, reporters, configuration, probe, cache);
        if (list.Data.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)) is not { } model)
            await ErrorResponses.WriteAsync(context.Response, Diagnostics.GatewayError.ModelNotFound(id), context.RequestAborted);
        else if (ErrorShapes.Of(context.Request) == ErrorShape.Anthropic)
            await TypedResults.Json(AnthropicModels.Info(model), AnthropicJsonContext.Wire.ModelInfo).ExecuteAsync(context);
        else
            await TypedResults.Ok(model).ExecuteAsync(context);
    }

    internal static async Task<ModelList> CachedAsync(
        ProviderRegistry providers, IEnumerable<ICliModelReporter> reporters, IConfiguration configuration, CliProbe probe, IMemoryCache cache) =>
        (await cache.GetOrCreateAsync("v1-models", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await ListAsync(providers, reporters.ToDictionary(r => r.ProviderName), configuration, probe);
        }))!;

    private static async Task<ModelList> ListAsync(
        ProviderRegistry providers, Dictionary<string, ICliModelReporter> reporters, IConfiguration configuration, CliProbe probe)
    {
        var perProvider = await Task.WhenAll(providers.All.Select(async provider =>
        {
            var path = ExecutableLocator.Find(provider.Executable.ConfiguredPath, configuration["PATH"]);
            if (path is null) return [];
            var ids = provider.Models.Concat(await ReportedAsync(provider, reporters.GetValueOrDefault(provider.Name), path, probe)).Distinct(StringComparer.OrdinalIgnoreCase);
            return ids.SelectMany(id => new[] { id, ProgressModels.WithProgress(id) }).Select(id => new ModelEntry(id, Created, providers.PluginOf(provider)?.OwnedBy ?? provider.Name));
        }));
        return new ModelList([.. perProvider.SelectMany(entries => entries)]);
    }

    /// <summary>The models the CLI lists itself that this provider serves (a reported id it would not route is useless).</summary>
    private static async Task<IEnumerable<string>> ReportedAsync(ICliProvider provider, ICliModelReporter? reporter, string path, CliProbe probe)
    {
        if (reporter is null || await probe.OutputAsync(path, reporter.Arguments) is not { } output) return [];
        return reporter.Read(output).Where(provider.Serves);
    }
}
