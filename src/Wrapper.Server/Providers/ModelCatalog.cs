using Microsoft.Extensions.Caching.Memory;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>A model id the gateway serves, and the CLI's name for its owner (<c>owned_by</c>).</summary>
internal sealed record CatalogModel(string Id, string OwnedBy);

/// <summary>
/// The models the gateway lists, in one place: for every provider whose CLI is installed, its configured ids
/// (<c>&lt;P&gt;_MODELS</c>) plus what the CLI reports itself (<see cref="ICliModelReporter"/>: Codex's
/// catalogue, what Claude Code's aliases resolve to), each with its <c>-progress</c> twin. Asked of the CLIs
/// once a day; which model an alias id means to the CLI is <see cref="CliOptions.CliModel"/>.
/// </summary>
internal sealed class ModelCatalog(
    ProviderRegistry providers, IEnumerable<ICliModelReporter> reporters, IConfiguration configuration, CliProbe probe, IMemoryCache cache)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(24);

    private readonly Dictionary<string, ICliModelReporter> _reporters = reporters.ToDictionary(r => r.ProviderName, StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<CatalogModel>> ListAsync() =>
        (await cache.GetOrCreateAsync("model-catalog", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            var perProvider = await Task.WhenAll(providers.All.Select(ListAsync));
            return (IReadOnlyList<CatalogModel>)[.. perProvider.SelectMany(models => models)];
        }))!;

    private async Task<IEnumerable<CatalogModel>> ListAsync(ICliProvider provider)
    {
        var path = ExecutableLocator.Find(provider.Executable.ConfiguredPath, configuration["PATH"]);
        if (path is null) return [];
        var ownedBy = providers.PluginOf(provider)?.OwnedBy ?? provider.Name;
        var ids = provider.Models.Concat(await ReportedAsync(provider, path)).Distinct(StringComparer.OrdinalIgnoreCase);
        return ids.SelectMany(id => new[] { id, ProgressModels.WithProgress(id) }).Select(id => new CatalogModel(id, ownedBy));
    }

    /// <summary>The models the CLI lists itself that this provider serves (a reported id it would not route is useless).</summary>
    private async Task<IEnumerable<string>> ReportedAsync(ICliProvider provider, string path)
    {
        if (_reporters.GetValueOrDefault(provider.Name) is not { } reporter
            || await probe.OutputAsync(path, reporter.Arguments, reporter.StandardInput) is not { } output) return [];
        return reporter.Read(output).Where(provider.Serves);
    }
}
