using System.Collections.Concurrent;

namespace Wrapper.Server.Providers;

/// <summary>
/// Every plug-in registered in this process. The log masker is built before the service provider
/// exists, so it reads the declared secret variables here; everything else reads the plug-ins from DI.
/// </summary>
internal static class CliPluginCatalog
{
    private static readonly ConcurrentDictionary<string, CliPlugin> Registered = new(StringComparer.OrdinalIgnoreCase);

    public static void Add(CliPlugin plugin) => Registered[plugin.Name] = plugin;

    public static IReadOnlyCollection<CliPlugin> All => [.. Registered.Values];

    /// <summary>The secret variables every registered plug-in declares.</summary>
    public static IEnumerable<string> SecretVariables => All.SelectMany(plugin => plugin.SecretVariables).Distinct(StringComparer.Ordinal);
}
