using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Wrapper.Server.Tools;

/// <summary>
/// The tool lists the gateway serves to CLIs over MCP, one per running request, each under an
/// unguessable token in its URL. The CLI reads the list (<c>tools/list</c>) and offers the tools to
/// the model as real tools; the calls themselves go to the client, never through here.
/// </summary>
internal sealed class McpToolSessions
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<McpTool>> _sessions = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="tools"/> until the returned lease is disposed.</summary>
    public McpToolSession Open(IReadOnlyList<McpTool> tools)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _sessions[token] = tools;
        return new McpToolSession(token, () => _sessions.TryRemove(token, out _));
    }

    public IReadOnlyList<McpTool>? Find(string token) => _sessions.GetValueOrDefault(token);
}

/// <summary>A tool as an MCP server lists it: the name the CLI uses and the client's definition.</summary>
internal sealed record McpTool(string Name, ToolSpec Spec);

internal sealed class McpToolSession(string token, Action close) : IDisposable
{
    public string Token { get; } = token;

    public void Dispose() => close();
}
