using Wrapper.Server.Tools;

namespace Wrapper.Server.Security;

/// <summary>
/// Tells a CLI's call to the gateway's own MCP endpoint (<c>/internal/mcp/&lt;token&gt;</c> with the
/// token of a running request) from everything else. Such a call is authenticated by its token
/// alone (24 random bytes, valid while its request runs): the API key and the client rate limits
/// never apply to it, since the CLI cannot send the key and every CLI shares 127.0.0.1's windows
///. A path with an unknown token is an ordinary request, key and limits included.
/// </summary>
internal sealed class McpCallers(McpToolSessions sessions)
{
    private const string ItemKey = "wrapper.mcp-caller";

    public bool Holds(HttpContext context)
    {
        if (context.Items[ItemKey] is bool cached) return cached;
        var holds = McpEndpoint.TokenOf(context.Request.Path) is { } token && sessions.Find(token) is not null;
        context.Items[ItemKey] = holds;
        return holds;
    }
}
