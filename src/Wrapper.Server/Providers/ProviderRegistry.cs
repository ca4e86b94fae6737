using System.Collections.Frozen;

namespace Wrapper.Server.Providers;

/// <summary>The registered providers by name; picks the one that serves a model id.</summary>
internal sealed class ProviderRegistry
{
    private readonly FrozenDictionary<string, ICliProvider> _byName;

    public ProviderRegistry(IEnumerable<ICliProvider> providers)
    {
        var list = providers.ToList();
        var duplicate = list.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two providers are registered as '{duplicate.Key}'.");
        _byName = list.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        All = list;
    }

    public IReadOnlyList<ICliProvider> All { get; }

    public ICliProvider? ForModel(string model) => All.FirstOrDefault(p => p.Serves(model));

    public ICliProvider? ByName(string name) => _byName.GetValueOrDefault(name);
}
