using System.Text.Json;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Reads <c>codex debug models --bundled</c>: the catalogue shipped with the binary as
/// <c>{"models":[{"slug":"…","visibility":"list"|"hide","supported_in_api":true,…}]}</c>. Only the
/// models Codex itself lists and that work with an API key count; <c>--bundled</c> skips the refresh
/// from the network.
/// </summary>
internal sealed class CodexModelCatalog : ICliModelReporter
{
    public string ProviderName => CodexProvider.ProviderName;

    public IReadOnlyList<string> Arguments { get; } = ["debug", "models", "--bundled"];

    public IReadOnlyList<string> Read(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            if (!document.RootElement.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array) return [];
            return [.. models.EnumerateArray()
                .Where(m => m.GetString("visibility") == "list" && !(m.TryGetProperty("supported_in_api", out var api) && api.ValueKind == JsonValueKind.False))
                .Select(m => m.GetString("slug"))
                .OfType<string>()];
        }
        catch (JsonException)
        {
            return []; // another version's format: the configured catalogue still stands
        }
    }
}
