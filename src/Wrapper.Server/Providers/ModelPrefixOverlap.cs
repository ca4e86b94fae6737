namespace Wrapper.Server.Providers;

/// <summary>
/// Two providers whose prefixes overlap ("gpt-" and "gpt-5-") would each claim the other's models,
/// decided only by registration order: refuse to start and name both providers and their settings.
/// </summary>
internal static class ModelPrefixOverlap
{
    public static void ThrowIfAny(IReadOnlyList<ICliProvider> providers, IReadOnlyDictionary<string, CliPlugin> plugins)
    {
        var prefixes = providers.SelectMany(p => p.ModelPrefixes.Select(prefix => (Provider: p.Name, Prefix: prefix))).ToList();
        for (var i = 0; i < prefixes.Count; i++)
        for (var j = i + 1; j < prefixes.Count; j++)
        {
            var (a, b) = (prefixes[i], prefixes[j]);
            if (a.Provider.Equals(b.Provider, StringComparison.OrdinalIgnoreCase) || !Overlap(a.Prefix, b.Prefix)) continue;
            throw new InvalidOperationException(
                $"The model prefixes of providers '{a.Provider}' ('{a.Prefix}', set by {Settings(plugins, a.Provider)}) and '{b.Provider}' " +
                $"('{b.Prefix}', set by {Settings(plugins, b.Provider)}) overlap: a model id could go to either. Give one of them another prefix.");
        }
    }

    private static bool Overlap(string a, string b) =>
        a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase);

    private static string Settings(IReadOnlyDictionary<string, CliPlugin> plugins, string provider) =>
        plugins.TryGetValue(provider, out var plugin) ? string.Join(" or ", plugin.PrefixSettings) : "its options";
}
