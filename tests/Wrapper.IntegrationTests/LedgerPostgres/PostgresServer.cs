using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.IntegrationTests.LedgerPostgres;

/// <summary>
/// A real PostgreSQL server of its own (Debian's <c>postgresql</c> package, installed by .ci/run):
/// <c>initdb</c> into a temp folder, <c>pg_ctl</c> on a free port, trust auth on loopback only.
/// PostgreSQL refuses to run as root, so as root it runs as the package's <c>postgres</c> user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"postgres://postgres@127.0.0.1:{Port}/postgres";

    public static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBin() ?? throw new InconclusiveException("PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)");
        var folder = Path.Combine(Path.GetTempPath(), "wrapper-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(bin, folder, FreePort());
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
        await server.ToolAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "--no-sync"], cancellationToken);
        await server.StartAgainAsync(cancellationToken);
        return server;
    }

    private string Data => Path.Combine(_folder, "data");

    public Task StartAgainAsync(CancellationToken cancellationToken) =>
        ToolAsync("pg_ctl", ["-D", Data, "-w", "-l", Path.Combine(_folder, "log"), "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) =>
        ToolAsync("pg_ctl", ["-D", Data, "-w", "-m", "fast", "stop"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(CancellationToken.None); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_folder, recursive: true);
    }

    private Task ToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private static async Task RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await output}{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
