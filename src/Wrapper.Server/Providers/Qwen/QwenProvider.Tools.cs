using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Qwen;

internal sealed partial class QwenProvider
{
    // Qwen Code (0.15.10 and 0.24.4) names MCP tools mcp__<server>__<tool> and shortens names over 63 characters
    // (generateValidName in cli.js); McpToolNames keeps ours within that.
    internal const string McpToolPrefix = "mcp__" + McpToolOffer.ServerName + "__";
    private const int MaxToolNameLength = 63;

    /// <summary>
    /// The client's tools reach the model as real function declarations through the gateway's MCP
    /// endpoint, registered in the request's settings.json. Qwen defers MCP tools behind its
    /// tool_search tool, but reveals them all at once when tool_search is off, as it is here
    /// (QwenBuiltInTools). The parser ends the turn at the model's tool calls (QwenOutputParser), so the
    /// CLI never runs one.
    /// </summary>
    private McpToolOffer? OfferTools(CompletionRequest request, JsonObject settings)
    {
        if (McpToolOffer.Open(request, toolSessions, gatewayAddress, McpToolPrefix, MaxToolNameLength) is not { } offer) return null;
        settings["mcpServers"] = offer.SettingsServers();
        return offer;
    }
}
