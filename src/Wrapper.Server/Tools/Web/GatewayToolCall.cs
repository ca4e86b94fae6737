using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// A CLI's MCP <c>tools/call</c> of a gateway tool, answered with an MCP tool result
/// (https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool-result): the text as one
/// content block, and <c>isError</c> for a refusal, which the model reads like any tool error.
/// </summary>
internal static class GatewayToolCall
{
    public static async Task<CallToolResult> RunAsync(IGatewayTool tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        using var parsed = JsonDocument.Parse(arguments.ToJsonString());
        var result = await tool.RunAsync(parsed.RootElement, cancellationToken);
        return new CallToolResult { Content = [new TextContentBlock { Text = result.Text }], IsError = result.IsError };
    }
}
