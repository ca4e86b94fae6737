using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wrapper.Server.Hosting;

namespace Wrapper.IntegrationTests;

/// <summary>A taken PORT moves on to the next free one; <c>--port N</c> wins over the setting.</summary>
public sealed class PortTests
{
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static int PortOf(WebApplication app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;

    [Test, CancelAfter(60_000)]
    public async Task A_taken_port_moves_on_to_the_next_free_one(CancellationToken cancellationToken)
    {
        var taken = FreePort();
        using var occupant = new TcpListener(IPAddress.Loopback, taken);
        occupant.Start();

        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["PORT"] = taken.ToString() });
        using var health = await gateway.Client.GetAsync("health", cancellationToken);

        Assert.That(gateway.BaseUrl.Port, Is.GreaterThan(taken).And.LessThanOrEqualTo(taken + 100));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task Port_on_the_command_line_wins_over_the_PORT_setting(CancellationToken cancellationToken)
    {
        var fromSetting = FreePort();
        var fromCommandLine = FreePort();
        Assume.That(fromCommandLine, Is.Not.EqualTo(fromSetting));
        var sandboxes = Directory.CreateTempSubdirectory("wrapper-port-").FullName;
        Environment.SetEnvironmentVariable("PORT", fromSetting.ToString());
        try
        {
            var app = WrapperApp.Create(["--port", fromCommandLine.ToString()], configuration => configuration.AddInMemoryCollection(
                new Dictionary<string, string?> { ["HOST"] = "127.0.0.1", ["SANDBOX_ROOT"] = sandboxes, ["API_KEY"] = "" }));
            await app.StartAsync();
            try
            {
                Assert.That(PortOf(app), Is.EqualTo(fromCommandLine));
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("PORT", null);
            Directory.Delete(sandboxes, recursive: true);
        }
    }
}
