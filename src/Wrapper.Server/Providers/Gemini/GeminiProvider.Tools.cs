using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Gemini;

internal sealed partial class GeminiProvider
{
    // Gemini CLI 0.61.0 names MCP tools mcp_<server>_<tool>.
    internal const string McpToolPrefix = "mcp_" + McpToolOffer.ServerName + "_";

    /// <summary>
    /// The client's tools as the gateway's MCP server in the request's settings. The parser and the run end
    /// the turn once the model has asked for its calls (GeminiOutputParser), so the CLI never runs one.
    /// </summary>
    private McpToolOffer? OfferTools(CompletionRequest request, GeminiFamilyHome home)
    {
        if (home.OfferTools(request, toolSessions, gatewayAddress, McpToolPrefix) is not { } offer) return null;
        // The core tool list names the built-in tools to register (none match this pattern) and is
        // also a policy allow-list with a deny-everything rule below it, which outranks a trusted
        // server's allow rule (0.61.0 priorities: core .25, trusted MCP .2): an empty list hides the
        // MCP tools from the model, a list naming them lets exactly these through.
        home.Settings["tools"]!["core"] = new JsonArray(McpToolPrefix + "*");
        return offer;
    }
}
