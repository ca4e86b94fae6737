using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.Benchmarks.Running;

/// <summary>
/// The gateway as a user runs it (<c>dotnet Wrapper.Server.dll</c>, settings in its environment) in
/// a scratch folder of its own, so that its RSS and CPU are measured apart from this benchmark's.
/// Disposing kills it (its child supervisor and any CLI go with it) and removes the folder.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _scratch;
    private readonly LineTail _output = new();
    private readonly Dictionary<string, int> _starts = [];

    private GatewayProcess(Process process, string scratch, Uri baseUrl)
    {
        _process = process;
        _scratch = scratch;
        BaseUrl = baseUrl;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public Uri BaseUrl { get; }
    public HttpClient Client { get; }
    public int ProcessId => _process.Id;

    /// <summary>A folder for the section's own files (fake CLI records), removed with the gateway.</summary>
    public string Scratch => _scratch;

    public double RssMegabytes => ProcessMeter.RssMegabytes(ProcessId);
    public TimeSpan CpuTime => ProcessMeter.CpuTime(ProcessId);

    /// <param name="settings">Wrapper settings (environment variable names) over the benchmark's defaults.</param>
    public static async Task<GatewayProcess> StartAsync(BenchmarkContext context, IReadOnlyDictionary<string, string>? settings = null)
    {
        var scratch = Directory.CreateTempSubdirectory("wrapper-bench-").FullName;
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            // Not the repository: no .env is read. Not the sandboxes' parent either: the host watches its
            // working directory (configuration reload), and every sandbox would wake that watcher.
            WorkingDirectory = Directory.CreateDirectory(Path.Combine(scratch, "cwd")).FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(context.ServerAssemblyPath);
        var values = new Dictionary<string, string>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SANDBOX_ROOT"] = Path.Combine(scratch, "sandboxes"),
            ["CLAUDE_CLI_PATH"] = context.FakeCliPath,
            ["API_KEY"] = "", // a developer's own key must not lock the benchmark out
            ["RATE_LIMIT_ENABLED"] = "false", // thousands of requests from one address
            ["MAX_CONCURRENT_REQUESTS"] = "64",
            ["MAX_CONCURRENT_PER_IP"] = "64",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The sections compare the gateway's own spawn with a direct one; the warm section turns it on.
            ["WARM_POOL_ENABLED"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) values[key] = value;
        foreach (var (key, value) in values) startInfo.Environment[key] = value;

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var gateway = new GatewayProcess(process, scratch, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) =>
        {
            gateway._output.Add(e.Data);
            gateway.CountStart(e.Data);
        };
        process.ErrorDataReceived += (_, e) => gateway._output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilHealthyAsync();
        return gateway;
    }

    /// <summary>Request log lines so far that say how their CLI started (<c>cli=cold</c>, <c>pre-started</c>, <c>reused</c>), by that word.</summary>
    public IReadOnlyDictionary<string, int> CliStarts()
    {
        lock (_starts) return new Dictionary<string, int>(_starts);
    }

    private void CountStart(string? line)
    {
        const string Marker = " cli=";
        if (line?.IndexOf(Marker, StringComparison.Ordinal) is not (>= 0 and var at)) return;
        var word = line[(at + Marker.Length)..].Split(' ', 2)[0];
        lock (_starts) _starts[word] = _starts.GetValueOrDefault(word) + 1;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { /* a CLI still closing files; the temp folder is the system's to clean */ }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                using var response = await Client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The gateway did not become healthy:\n{_output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
