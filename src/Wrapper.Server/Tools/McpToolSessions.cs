using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Wrapper.Server.Tools;

/// <summary>
/// The tool lists the gateway serves to CLIs over MCP, one per running request, each under an
/// unguessable token in its URL. The CLI reads the list (<c>tools/list</c>) and offers the tools to
/// the model as real tools; the calls themselves go to the client; a held turn answers them with the client's results.
/// </summary>
internal sealed class McpToolSessions(Web.GatewayTools? gatewayTools = null)
{
    /// <summary>The tools the gateway itself runs inside a turn (none where it has no registry, as in some tests).</summary>
    public IReadOnlyList<Web.IGatewayTool> GatewayToolsFor(Core.CompletionRequest request) => gatewayTools?.For(request) ?? [];

    /// <summary>Whether the request's model may search and fetch inside its turn (WEB_TOOLS): a CLI then adds its hosted search.</summary>
    public bool WebOn(Core.CompletionRequest request) => gatewayTools?.WebOn(request) ?? false;

    private readonly ConcurrentDictionary<string, McpToolSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="tools"/> until the returned lease is disposed.</summary>
    public McpToolSession Open(IReadOnlyList<McpTool> tools)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var session = new McpToolSession(token, tools, () => _sessions.TryRemove(token, out _));
        _sessions[token] = session;
        return session;
    }

    public McpToolSession? Find(string token) => _sessions.GetValueOrDefault(token);
}

/// <summary>
/// A tool as an MCP server lists it: the name the CLI uses and the definition. <see cref="RunsInGateway"/>
/// is set for the gateway's own tools: their calls are run and answered, never held for the client.
/// </summary>
internal sealed record McpTool(string Name, ToolSpec Spec)
{
    public Web.IGatewayTool? RunsInGateway { get; init; }
}
