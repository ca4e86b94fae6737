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
    /// <summary>The gateway's own tools (web_fetch) by the names the CLI gives them: run inside the turn, never the client's.</summary>
    public IReadOnlyDictionary<string, string> GatewayToolNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The one MCP server a CLI is given; short, because its name is part of every tool name.</summary>
    public const string ServerName = "w";

    /// <summary>Null when the model is offered no tools (none sent, or <c>tool_choice: none</c>, and no gateway tools).</summary>
    /// <param name="cliPrefix">What the CLI puts before a tool's name, e.g. <c>mcp__w__</c>.</param>
    /// <param name="maxNameLength">The longest name, prefix included, that the CLI and its API accept unchanged.</param>
    public static McpToolOffer? Open(
        CompletionRequest request, McpToolSessions sessions, GatewayAddress address, string cliPrefix, int maxNameLength)
    {
        var gatewayTools = sessions.GatewayToolsFor(request);
        if (request.OfferedTools.Count == 0 && gatewayTools.Count == 0) return null;
        var tools = McpToolNames.Assign(request.OfferedTools, maxNameLength - cliPrefix.Length, reserved: gatewayTools.Select(t => t.Spec.Name));
        var gateway = gatewayTools.Select(t => new McpTool(t.Spec.Name, t.Spec) { RunsInGateway = t }).ToList();
        var session = sessions.Open([.. gateway, .. tools]);
        return new McpToolOffer(address.McpUrl(session), tools.ToDictionary(t => cliPrefix + t.Name, t => t.Spec.Name), session)
        {
            GatewayToolNames = gateway.ToDictionary(t => cliPrefix + t.Name, t => t.Name),
        };
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

    /// <summary>
    /// The session as <see cref="Providers.CliInvocation.ToolSession"/>: only where the client's tools are
    /// served, since its signals (a call to hold, a list the CLI must have read) concern those alone.
    /// </summary>
    public McpToolSession? ClientToolSession => ToolNames.Count > 0 ? Session : null;

    /// <summary>The gateway's tools as <see cref="Providers.CliInvocation.InTurnTools"/>, for the CLI to add its own search to.</summary>
    public Dictionary<string, string> InTurnTools() => new(GatewayToolNames);

    /// <summary>What the run must keep alive and release: the session serving the tool list.</summary>
    public IReadOnlyList<IDisposable> Resources => [Session];
}
