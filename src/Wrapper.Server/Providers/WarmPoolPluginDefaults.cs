using Microsoft.Extensions.Options;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Providers;

/// <summary>Tells the warm pool which CLIs their plug-ins warm by default (used while WARM_POOL_PROVIDERS is empty).</summary>
internal sealed class WarmPoolPluginDefaults(IEnumerable<CliPlugin> plugins) : IPostConfigureOptions<WarmPoolOptions>
{
    public void PostConfigure(string? name, WarmPoolOptions options) =>
        options.PluginDefaults = [.. plugins.Where(plugin => plugin.WarmByDefault).Select(plugin => plugin.Name)];
}
