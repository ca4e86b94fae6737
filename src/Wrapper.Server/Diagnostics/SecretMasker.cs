using System.Text.RegularExpressions;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// Replaces secrets in log text with <c>***</c>: the configured values of the gateway's key and the
/// providers' keys, and anything shaped like a key (Bearer tokens, <c>sk-ant-...</c>, <c>sk-...</c>,
/// <c>AIza...</c>, <c>x-api-key</c>/<c>x-goog-api-key</c> values, MCP endpoint tokens), whatever the log level.
/// </summary>
internal sealed partial class SecretMasker(IEnumerable<string?> knownSecrets)
{
    /// <summary>The gateway's own secret settings; each CLI plug-in declares its own (<see cref="CliPlugin.SecretVariables"/>).</summary>
    public static readonly string[] GatewaySecretSettings = ["API_KEY"];

    /// <summary>Settings whose values are secrets wherever they appear: the gateway's and every registered plug-in's.</summary>
    public static IEnumerable<string> SecretSettings => GatewaySecretSettings.Concat(CliPluginCatalog.SecretVariables).Distinct(StringComparer.Ordinal);

    // Read on first use: logging is set up before the plug-ins register, and their variables must count.
    private readonly Lazy<string[]> _known = new(() => knownSecrets.Where(s => s is { Length: >= 8 }).Select(s => s!).Distinct().OrderByDescending(s => s.Length).ToArray());

    public static SecretMasker FromConfiguration(IConfiguration configuration) =>
        new(SecretSettings.Select(name => configuration[name]));

    public string Mask(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in _known.Value) text = text.Replace(secret, "***", StringComparison.Ordinal);
        text = HeaderValue().Replace(text, "$1***");
        text = Bearer().Replace(text, "$1***");
        text = AnthropicKey().Replace(text, "sk-ant-***");
        text = OpenAiStyleKey().Replace(text, "sk-***");
        text = McpToken().Replace(text, "$1***");
        return GoogleKey().Replace(text, "AIza***");
    }

    // The capability token in the URL of the gateway's own MCP endpoint, wherever a URL is logged.
    [GeneratedRegex(@"(?i)(/internal/mcp/)(?!\*\*\*)[^/\s?#""']+")]
    private static partial Regex McpToken();

    [GeneratedRegex(@"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]+")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"sk-ant-[A-Za-z0-9_-]{4,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-(?!ant-\*)[A-Za-z0-9_-]{8,}")]
    private static partial Regex OpenAiStyleKey();

    [GeneratedRegex(@"AIza[0-9A-Za-z_-]{20,}")]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"(?i)(\b(?:x-api-key|x-goog-api-key|api[_-]?key|authorization)[""']?\s*[:=]\s*[""']?(?:bearer\s+)?)(?!\*\*\*)[^\s""',;}\]]+")]
    private static partial Regex HeaderValue();
}
