using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.Server.Dialects.OpenAiResponses;

internal static class ResponsesJsonNode
{
    /// <summary>A node as a detached element (items are kept as elements: they are stored and sent back as given).</summary>
    public static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
