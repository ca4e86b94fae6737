using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.IntegrationTests;

/// <summary>Shutdown lets running requests finish, and no CLI outlives the gateway, even a killed one.</summary>
public sealed class ShutdownTests
{
    [Test, CancelAfter(60_000)]
    public async Task A_request_running_at_shutdown_finishes_within_the_grace_period(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["SHUTDOWN_GRACE_PERIOD"] = "10000" });
        var running = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "sleep 1500", "reply Finished in time")), cancellationToken);
        await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        var stopping = gateway.StopAsync();
        using var response = await running;
        var json = await response.JsonAsync(cancellationToken);
        await stopping;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Finished in time"));
    }

    [Test, CancelAfter(60_000)]
    public async Task No_new_request_is_taken_once_shutdown_began(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["SHUTDOWN_GRACE_PERIOD"] = "5000" });
        var running = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "sleep 1500")), cancellationToken);
        await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        var stopping = gateway.StopAsync();
        await Task.Delay(200, cancellationToken);
        using var fresh = new HttpClient { BaseAddress = gateway.BaseUrl };
        HttpStatusCode? status = null;
        try { status = (await fresh.PostAsync(ChatRequests.Body("hi"), cancellationToken)).StatusCode; }
        catch (HttpRequestException) { /* refused: not listening any more */ }
        (await running).Dispose();
        await stopping;

        Assert.That(status, Is.Null.Or.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    /// <summary>A child in the CLI's group, and a grandchild that left it with setsid(2): both die with the gateway.</summary>
    [TestCase("spawn-child", false), CancelAfter(60_000)]
    [TestCase("spawn-escaping-child", true)]
    public async Task Killing_the_gateway_with_SIGKILL_kills_its_CLIs_and_their_descendants(string spawn, bool leavesSession, CancellationToken cancellationToken)
    {
        using var scratch = new TemporaryFolder();
        var port = FreePort();
        var gateway = StartGatewayProcess(scratch.Path, port);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilHealthyAsync(client, cancellationToken);
            var records = Directory.CreateDirectory(Path.Combine(scratch.Path, "records")).FullName;
            _ = client.PostAsync(ChatRequests.Body(FakeCli.Directives(spawn, $"record {records}", "hang"), stream: true), cancellationToken);
            var record = await FakeCli.WaitForRecordAsync(records);
            var descendant = record.ChildPid!.Value;
            if (leavesSession) Assert.That(EscapedDescendantTests.SessionOf(descendant), Is.EqualTo(descendant), "the grandchild leads a session of its own");

            gateway.Kill(); // SIGKILL: the gateway gets no chance to clean up

            Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True, "the CLI died with the gateway");
            Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(descendant)), Is.True, "and so did its descendant");
        }
        finally
        {
            if (!gateway.HasExited) gateway.Kill(entireProcessTree: true);
            gateway.Dispose();
        }
    }

    private static Process StartGatewayProcess(string folder, int port)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Wrapper.Server"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["CLAUDE_CLI_PATH"] = FakeCli.Path;
        startInfo.Environment["SANDBOX_ROOT"] = Path.Combine(folder, "sandboxes");
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await client.GetAsync("health", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(100, cancellationToken);
        }
        Assert.Fail("the gateway did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("wrapper-kill-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
