using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Completions;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Api;

/// <summary><c>GET /v1/models</c>: the model ids of every provider whose CLI is installed, cached for a day.</summary>
internal static class ModelsEndpoint
{
    // Clients read only data[].id; a fixed date keeps the list stable between restarts.
    private static readonly long Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(24);

    public static Ok<ModelList> Handle(ProviderRegistry providers, IConfiguration configuration, IMemoryCache cache) =>
        TypedResults.Ok(cache.GetOrCreate("v1-models", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return List(providers, configuration);
        })!);

    private static ModelList List(ProviderRegistry providers, IConfiguration configuration)
    {
        var models = providers.All
            .Where(p => ExecutableLocator.Find(p.Executable.ConfiguredPath, configuration["PATH"]) is not null)
            .SelectMany(p => p.Models.SelectMany(id => new[] { id, ProgressModels.WithProgress(id) }).Select(id => new ModelEntry(id, Created, OwnedBy(p))))
            .ToList();
        return new ModelList(models);
    }

    private static string OwnedBy(ICliProvider provider) => provider.Name switch
    {
        "claude" => "claude-code",
        "gemini" => "gemini-cli",
        "qwen" => "qwen-code",
        var name => name,
    };
}
