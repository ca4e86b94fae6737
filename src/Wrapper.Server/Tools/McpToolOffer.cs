using System.Text.Json.Nodes;
using Wrapper.Server.Core;

namespace Wrapper.Server.Tools;

/// <summary>
/// A request's tools as a CLI gets them from the gateway's own MCP endpoint (docs/cli/NATIVE-TOOLS.md):
/// the URL for the CLI's MCP configuration, the names under which the CLI shows the tools to the
/// model mapped to the client's names, and the session that serves the list while the run lives.
/// </summary>
internal sealed record McpToolOffer(Uri Url, IReadOnlyDictionary<string, string> ToolNames, McpToolSession Session)
{
    /// <summary>The one MCP server a CLI is given; short, because its name is part of every tool name.</summary>
    public const string ServerName = "w";

    /// <summary>Null when the model is offered no tools (none sent, or <c>tool_choice: none</c>).</summary>
    /// <param name="cliPrefix">What the CLI puts before a tool's name, e.g. <c>mcp__w__</c>.</param>
    /// <param name="maxNameLength">The longest name, prefix included, that the CLI and its API accept unchanged.</param>
    public static McpToolOffer? Open(
        CompletionRequest request, McpToolSessions sessions, GatewayAddress address, string cliPrefix, int maxNameLength)
    {
        if (request.OfferedTools.Count == 0) return null;
        var tools = McpToolNames.Assign(request.OfferedTools, maxNameLength - cliPrefix.Length);
        var session = sessions.Open(tools);
        return new McpToolOffer(address.McpUrl(session), tools.ToDictionary(t => cliPrefix + t.Name, t => t.Spec.Name), session);
    }

    /// <summary>
    /// The <c>mcpServers</c> object of a Gemini CLI or Qwen Code settings.json (Qwen is a Gemini fork):
    /// only this server; <c>httpUrl</c> is Streamable HTTP in both (Qwen reads a bare <c>url</c> as
    /// SSE); <c>trust</c> skips the confirmation that a headless run would answer with a denial.
    /// </summary>
    public JsonObject SettingsServers() => new()
    {
        [ServerName] = new JsonObject { ["httpUrl"] = Url.ToString(), ["trust"] = true },
    };

    /// <summary>What the run must keep alive and release: the session serving the tool list.</summary>
    public IReadOnlyList<IDisposable> Resources => [Session];
}
