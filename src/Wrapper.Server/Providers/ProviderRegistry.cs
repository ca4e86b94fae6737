using System.Collections.Frozen;

namespace Wrapper.Server.Providers;

/// <summary>
/// The registered providers by name; picks the one that serves a model id. Fails at start-up on two
/// providers with one name, or model prefixes that overlap.
/// </summary>
internal sealed class ProviderRegistry
{
    private readonly FrozenDictionary<string, ICliProvider> _byName;
    private readonly FrozenDictionary<string, CliPlugin> _plugins;

    public ProviderRegistry(IEnumerable<ICliProvider> providers, IEnumerable<CliPlugin> plugins)
    {
        var list = providers.ToList();
        var duplicate = list.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two providers are registered as '{duplicate.Key}'.");
        _byName = list.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _plugins = plugins.DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        ModelPrefixOverlap.ThrowIfAny(list, _plugins);
        All = list;
    }

    public IReadOnlyList<ICliProvider> All { get; }

    public ICliProvider? ForModel(string model) => All.FirstOrDefault(p => p.Serves(model));

    public ICliProvider? ByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>What the provider's folder declares about it (null for a provider registered without <c>AddCliPlugin</c>).</summary>
    public CliPlugin? PluginOf(ICliProvider provider) => _plugins.GetValueOrDefault(provider.Name);
}
