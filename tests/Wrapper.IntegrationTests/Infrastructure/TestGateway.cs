using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Wrapper.Server.Hosting;

namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>
/// The real gateway on real Kestrel (a free port on 127.0.0.1), with the fake CLI as Claude Code and
/// its own sandbox root, so that tests can check that nothing is left behind.
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _scratch;

    private TestGateway(WebApplication app, string scratch, Uri baseUrl)
    {
        _app = app;
        _scratch = scratch;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }
    public HttpClient Client { get; }
    public string SandboxRoot => Path.Combine(_scratch, "sandboxes");

    /// <summary>Where the fake CLI writes what it received (<c>FAKE:record</c>).</summary>
    public string RecordDirectory => Path.Combine(_scratch, "records");

    public IServiceProvider Services => _app.Services;

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var scratch = Directory.CreateTempSubdirectory("wrapper-it-").FullName;
        Directory.CreateDirectory(Path.Combine(scratch, "records"));
        var values = new Dictionary<string, string?>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["CLAUDE_CLI_PATH"] = FakeCli.Path,
            ["SANDBOX_ROOT"] = Path.Combine(scratch, "sandboxes"),
            ["KILL_GRACE_PERIOD"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var app = WrapperApp.Create([], configuration => configuration.AddInMemoryCollection(values));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestGateway(app, scratch, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>The sandboxes that still exist (there should be none once requests are over).</summary>
    public IReadOnlyList<string> LiveSandboxes() =>
        Directory.Exists(SandboxRoot) ? Directory.GetDirectories(SandboxRoot) : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { /* a test already failed on a leftover; keep the evidence */ }
    }
}
