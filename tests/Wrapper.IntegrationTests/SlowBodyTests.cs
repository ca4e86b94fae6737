using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wrapper.Server.Hosting;

namespace Wrapper.IntegrationTests;

/// <summary>
/// A body that arrives too slowly (below Kestrel's minimum data rate) is a 408 in OpenAI's
/// shape, not a 500. The gateway here gets a 1.1 s grace period instead of Kestrel's 5 s, to be quick.
/// </summary>
public sealed class SlowBodyTests
{
    [TestCase("v1/chat/completions")]
    [TestCase("v1/debug/request")]
    [CancelAfter(30_000)]
    public async Task A_body_sent_byte_by_byte_too_slowly_is_a_408_in_OpenAI_shape(string path, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("wrapper-slow-").FullName;
        await using var app = WrapperApp.Create([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HOST"] = "127.0.0.1", ["PORT"] = "0", ["SANDBOX_ROOT"] = Path.Combine(scratch, "sandboxes"), ["API_KEY"] = "",
            ["RATE_LIMIT_ENABLED"] = "false", ["CLAUDE_CLI_PATH"] = FakeCli.Path,
        }));
        app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.1));
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancellationToken);
        var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello"}]}""");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /{path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), cancellationToken);
        var response = new StringBuilder();
        var reading = ReadAllAsync(stream, response, cancellationToken);
        foreach (var b in body)
        {
            if (reading.IsCompleted) break;
            try { await stream.WriteAsync(new[] { b }, cancellationToken); }
            catch (IOException) { break; } // the gateway closed the connection after its answer
            await Task.WhenAny(reading, Task.Delay(300, cancellationToken));
        }
        await reading;
        await app.StopAsync(cancellationToken);
        Directory.Delete(scratch, recursive: true);

        var text = response.ToString();
        Assert.That(text, Does.StartWith("HTTP/1.1 408"));
        Assert.That(text, Does.Contain("\"type\":\"invalid_request_error\"").And.Contain("\"code\":\"request_timeout\"").And.Contain("too slowly"));
    }

    private static async Task ReadAllAsync(NetworkStream stream, StringBuilder into, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) into.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (IOException)
        {
            // reset after the answer
        }
    }
}
