using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Gemini;

internal sealed partial class GeminiProvider
{
    // Gemini CLI 0.61.0 names MCP tools mcp_<server>_<tool>.
    internal const string McpToolPrefix = "mcp_" + McpToolOffer.ServerName + "_";

    /// <summary>
    /// Gemini CLI's search tool (0.61.0): a model call with Google Search grounding (the <c>web-search</c>
    /// model config, <c>tools: [{googleSearch: {}}]</c>), so the search runs at Google, never from this
    /// host. Its web_fetch stays off: it would fetch from this host unchecked (the gateway's replaces it).
    /// </summary>
    internal const string WebSearchTool = "google_web_search";

    /// <summary>
    /// The client's tools reach the model as real function declarations through the gateway's MCP
    /// endpoint, registered in the request's settings.json. The parser and the run end the turn once
    /// the model has asked for its calls (GeminiOutputParser), so the CLI never runs one.
    /// </summary>
    private McpToolOffer? OfferTools(CompletionRequest request, GeminiFamilyHome home)
    {
        if (home.OfferTools(request, toolSessions, gatewayAddress, McpToolPrefix) is not { } offer) return null;
        // The core tool list names the built-in tools to register (none match this pattern) and is
        // also a policy allow-list with a deny-everything rule below it, which outranks a trusted
        // server's allow rule (0.61.0 priorities: core .25, trusted MCP .2): an empty list hides the
        // MCP tools from the model, a list naming them lets exactly these through.
        var web = toolSessions.WebOn(request);
        home.Settings["tools"]!["core"] = web ? new JsonArray(McpToolPrefix + "*", WebSearchTool) : new JsonArray(McpToolPrefix + "*");
        return offer;
    }

    /// <summary>The gateway's tools and, where WEB_TOOLS allows, the hosted search: they run inside the turn.</summary>
    private Dictionary<string, string> InTurnTools(CompletionRequest request, McpToolOffer? offer)
    {
        var tools = offer?.InTurnTools() ?? [];
        if (toolSessions.WebOn(request)) tools[WebSearchTool] = Tools.Web.GatewayTools.WebSearch;
        return tools;
    }
}
