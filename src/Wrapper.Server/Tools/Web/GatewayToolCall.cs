using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// A CLI's MCP <c>tools/call</c> of a gateway tool, answered with an MCP tool result
/// (https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool-result): the text as one
/// content block, and <c>isError</c> for a refusal, which the model reads like any tool error.
/// </summary>
internal static class GatewayToolCall
{
    /// <summary>The gateway tool the call names, or null for a client's tool (or an unknown name).</summary>
    public static IGatewayTool? Find(IReadOnlyList<McpTool> tools, JsonNode? message) =>
        message?["params"]?["name"] is JsonValue name && name.TryGetValue<string>(out var called)
            ? tools.FirstOrDefault(t => t.Name == called)?.RunsInGateway
            : null;

    public static async Task<JsonObject> RunAsync(IGatewayTool tool, JsonNode? message, CancellationToken cancellationToken)
    {
        using var arguments = JsonDocument.Parse(message?["params"]?["arguments"]?.ToJsonString() ?? "{}");
        var result = await tool.RunAsync(arguments.RootElement, cancellationToken);
        return new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = result.Text }),
            ["isError"] = result.IsError,
        };
    }
}
