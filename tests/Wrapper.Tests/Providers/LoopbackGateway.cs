using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Moq;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Providers;

/// <summary>The gateway's address as providers see it, for a server bound to a wildcard on port 5555.</summary>
internal static class LoopbackGateway
{
    public const string McpUrlPrefix = "http://127.0.0.1:5555/internal/mcp/";

    public static GatewayAddress Address() => new(ServerAt("http://0.0.0.0:5555"));

    private static IServer ServerAt(string address)
    {
        var features = new FeatureCollection();
        var addresses = new Mock<IServerAddressesFeature>();
        addresses.Setup(a => a.Addresses).Returns([address]);
        features.Set(addresses.Object);
        var server = new Mock<IServer>();
        server.Setup(s => s.Features).Returns(features);
        return server.Object;
    }
}
