using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Wrapper.Server.Tools;

/// <summary>How a CLI on this machine reaches the gateway: the bound address, with a wildcard made loopback.</summary>
internal sealed class GatewayAddress(IServer server)
{
    private Uri? _baseUri;

    public Uri BaseUri => _baseUri ??= Resolve();

    private Uri Resolve()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The gateway is not listening yet.");
        var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("[::]", "[::1]", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The URL of one request's MCP tool list.</summary>
    public Uri McpUrl(McpToolSession session) => new(BaseUri, $"internal/mcp/{session.Token}");
}
