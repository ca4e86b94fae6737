using Microsoft.Extensions.Primitives;

namespace Wrapper.Server.Configuration;

/// <summary>
/// The flat settings seen through a name prefix: key <c>CLI_PATH</c> reads <c>CLAUDE_CLI_PATH</c>. Lets one
/// options record (<c>Providers/CliOptions</c>) name the settings that every CLI has under its own prefix.
/// </summary>
internal sealed class PrefixedConfiguration(IConfiguration inner, string prefix) : IConfiguration
{
    public string? this[string key]
    {
        get => inner[prefix + key];
        set => inner[prefix + key] = value;
    }

    public IConfigurationSection GetSection(string key) => inner.GetSection(prefix + key);

    public IEnumerable<IConfigurationSection> GetChildren() =>
        inner.GetChildren().Where(child => child.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();
}
