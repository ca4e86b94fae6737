using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The README's quick start as a user types it: <c>dotnet run --project src/Wrapper.Server</c>, with
/// the settings in a <c>.env</c> where the user stands. Slow: each test starts
/// <c>dotnet run</c> (with <c>--no-build</c>: the tests built the server already).
/// </summary>
[NonParallelizable]
public sealed class QuickStartTests
{
    private static readonly string Root = NodePackages.RepositoryRoot;

    // dotnet run --no-build starts in seconds; a gateway listening elsewhere would keep the loop waiting.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(180_000)]
    public async Task Dotnet_run_from_the_repository_root_listens_on_the_PORT_of_the_root_env(CancellationToken cancellationToken)
    {
        var dotEnv = Path.Combine(Root, ".env");
        if (File.Exists(dotEnv)) Assert.Ignore("The repository root has a .env of its own; it is never overwritten by a test.");
        var port = FreePort();
        File.WriteAllLines(dotEnv, ["# written by QuickStartTests", $"PORT={port}", "HOST=127.0.0.1"]);
        try
        {
            await AssertListensAsync(Root, port, cancellationToken);
        }
        finally
        {
            File.Delete(dotEnv);
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Dotnet_run_from_another_folder_listens_on_the_PORT_of_that_folders_env(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wrapper-quickstart-").FullName;
        var port = FreePort();
        File.WriteAllLines(Path.Combine(folder, ".env"), [$"PORT={port}", "HOST=127.0.0.1"]);
        try
        {
            await AssertListensAsync(folder, port, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the quick-start command in <paramref name="folder"/> as a shell would (PWD set) and waits for /health on the port.</summary>
    private static async Task AssertListensAsync(string folder, int port, CancellationToken cancellationToken)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "run", "--project", Path.Combine(Root, "src", "Wrapper.Server"), "--no-build", "-c", configuration })
            startInfo.ArgumentList.Add(argument);
        foreach (var setting in new[] { "PORT", "HOST", "API_KEY", "ASPNETCORE_URLS" }) startInfo.Environment.Remove(setting); // the .env must be what counts
        startInfo.Environment["PWD"] = folder;
        startInfo.Environment["SANDBOX_ROOT"] = Path.Combine(Path.GetTempPath(), "wrapper-quickstart-sandboxes");
        startInfo.Environment["WARM_POOL_ENABLED"] = "false";
        using var server = Process.Start(startInfo)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            HttpStatusCode? status = null;
            var deadline = Stopwatch.StartNew();
            while (status is null && !server.HasExited && deadline.Elapsed < StartTimeout)
            {
                try { status = (await client.GetAsync("health", cancellationToken)).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(250, cancellationToken); }
            }
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"nothing answered on port {port}:\n{string.Join('\n', output)}");
            Assert.That(output, Has.Some.Contains($"127.0.0.1:{port}"), "the gateway says where it listens");
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
