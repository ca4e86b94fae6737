using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// The client's tools for Codex as real tools: the gateway's own MCP endpoint (Tools/McpEndpoint)
/// is server "w" in the request's <c>$CODEX_HOME/config.toml</c>, so its unguessable URL stays out
/// of argv. Codex 0.169 offers an MCP server's tools to the model as a Responses API namespace
/// <c>mcp__w</c> (<c>{"type":"namespace","name":"mcp__w","tools":[...]}</c>) and the model calls
/// them as <c>{"namespace":"mcp__w","name":...}</c>.
/// </summary>
internal static class CodexTools
{
    private const string ServerName = "w";

    /// <summary>
    /// Codex prints no event when the model's answer is complete: its <c>--json</c> stream goes
    /// quiet while it runs the calls, and it starts them one at a time, so stdout cannot tell how
    /// many are coming without waiting for a timeout. Its trace log of the Responses stream (HTTP
    /// transport) does: each finished output item, then <c>response.completed</c>, in the model's
    /// order. That log is the end signal and the source of the calls (<see cref="CodexAnswerLog"/>);
    /// errors still reach stderr as before.
    /// </summary>
    internal const string LogFilter = "error,codex_api::sse::responses=trace";

    /// <summary>The name a call comes back under, as <see cref="CliInvocation.ToolNames"/> keys it.</summary>
    public static string CliName(string? toolNamespace, string name) =>
        string.IsNullOrEmpty(toolNamespace) ? name : $"{toolNamespace}__{name}";

    /// <summary>The same name for an MCP call as Codex's <c>--json</c> output shows it (server and tool).</summary>
    public static string McpName(string server, string tool) => CliName("mcp__" + server, tool);

    /// <summary>
    /// The client's tool names with the namespace and name Codex offers each under (the inverse of
    /// <see cref="CliInvocation.ToolNames"/>), for earlier calls written into a resumed session.
    /// </summary>
    public static IReadOnlyDictionary<string, (string? Namespace, string Name)> CallNames(IReadOnlyDictionary<string, string> toolNames)
    {
        var prefix = McpName(ServerName, "");
        return toolNames.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Value, t => ((string?)("mcp__" + ServerName), t.Key[prefix.Length..]));
    }

    /// <summary>
    /// Registers the tools and writes the server into <paramref name="codexHome"/>. Calls are
    /// approved up front: Codex's default policy in exec mode refuses them at once and asks the
    /// model again, a second model call. Approved, the call waits on the endpoint, which never
    /// answers, until the gateway ends the process.
    /// </summary>
    public static (IReadOnlyDictionary<string, string> ToolNames, IReadOnlyDictionary<string, string> InTurnTools, IReadOnlyList<IDisposable> Resources, McpToolSession? Session) Offer(
        CompletionRequest request, McpToolSessions sessions, GatewayAddress gatewayAddress, string codexHome)
    {
        // The gateway's own tools (web_fetch) are served beside the client's and answered at once (Tools/Web).
        var gatewayTools = sessions.GatewayToolsFor(request);
        if (request.OfferedTools.Count == 0 && gatewayTools.Count == 0) return (new Dictionary<string, string>(), new Dictionary<string, string>(), [], null);
        // OpenAI allows 64 characters in a function name; counting the namespace in keeps well within it.
        var tools = McpToolNames.Assign(request.OfferedTools, 64 - McpName(ServerName, "").Length, hyphens: false, reserved: gatewayTools.Select(t => t.Spec.Name));
        var gateway = gatewayTools.Select(t => new McpTool(t.Spec.Name, t.Spec) { RunsInGateway = t }).ToList();
        var session = sessions.Open([.. gateway, .. tools]);
        CliHome.WriteFile(Path.Combine(codexHome, "config.toml"), $"""
            [mcp_servers.{ServerName}]
            url = {CodexProvider.Toml(gatewayAddress.McpUrl(session).ToString())}
            default_tools_approval_mode = "approve"

            """);
        return (tools.ToDictionary(t => McpName(ServerName, t.Name), t => t.Spec.Name),
            gateway.ToDictionary(t => McpName(ServerName, t.Name), t => t.Name), [session], tools.Count > 0 ? session : null);
    }
}
