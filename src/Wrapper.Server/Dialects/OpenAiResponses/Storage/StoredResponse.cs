using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiResponses.Storage;

/// <summary>A stored response: its JSON as it was answered, and every input item of its conversation.</summary>
internal sealed record StoredResponse(string Id, string ResponseJson, IReadOnlyList<JsonElement> InputItems)
{
    /// <summary>The response's output items, as a later turn's input gives them back.</summary>
    public IReadOnlyList<JsonElement> OutputItems()
    {
        using var document = JsonDocument.Parse(ResponseJson);
        return document.RootElement.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array
            ? [.. output.EnumerateArray().Select(item => item.Clone())]
            : [];
    }
}
