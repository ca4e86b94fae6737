using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Wrapper.Server.Hosting;

namespace Wrapper.TestSupport;

/// <summary>
/// The real gateway on real Kestrel (a free port on 127.0.0.1) with its own sandbox root and scratch
/// folder, so that tests can check that nothing is left behind. Callers say which CLI to run.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
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

    /// <summary>The running gateway's services, for a test that plays a part the gateway plays (a request's MCP tool session).</summary>
    public IServiceProvider Services => _app.Services;
    public string SandboxRoot => Path.Combine(_scratch, "sandboxes");

    /// <summary>A folder for the test's own files (the fake CLI's records, a fake HOME).</summary>
    public string RecordDirectory => Path.Combine(_scratch, "records");

    public string Scratch => _scratch;

    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var scratch = Directory.CreateTempSubdirectory("wrapper-it-").FullName;
        Directory.CreateDirectory(Path.Combine(scratch, "records"));
        var values = new Dictionary<string, string?>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["SANDBOX_ROOT"] = Path.Combine(scratch, "sandboxes"),
            ["DATA_DIR"] = Path.Combine(scratch, "data"), // the ledger of this gateway alone, removed with it
            ["KILL_GRACE_PERIOD"] = "1000",
            ["SHUTDOWN_GRACE_PERIOD"] = "2000",
            // Many requests from 127.0.0.1 against fresh gateways: tests that check limits turn them on.
            ["RATE_LIMIT_ENABLED"] = "false",
            ["MAX_CONCURRENT_REQUESTS"] = "64",
            ["MAX_CONCURRENT_PER_IP"] = "64",
            // Off unless a test opts in (WarmPoolSettings.On): a warm process is a spawn nobody waits for.
            ["WARM_POOL_ENABLED"] = "false",
            // Off unless a test opts in: with it, every plain chat gets the gateway's MCP server and the CLI's hosted search.
            ["WEB_TOOLS"] = "off",
            ["API_KEY"] = "", // a developer's own API_KEY in the environment or .env must not lock the tests out
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;

        var app = WrapperApp.Create([], configuration => configuration.AddInMemoryCollection(values));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestGateway(app, scratch, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>
    /// The sandboxes of requests that still exist (there should be none once requests are over): every
    /// sandbox but those of warm processes waiting in the pool for their next request.
    /// </summary>
    public IReadOnlyList<string> LiveSandboxes() =>
        Directory.Exists(SandboxRoot)
            ? [.. Directory.GetDirectories(SandboxRoot, Wrapper.Server.Processes.Sandbox.NamePrefix + "*").Except(WaitingSandboxes())]
            : [];

    /// <summary>The sandboxes of the warm processes waiting in the pool now.</summary>
    public IReadOnlyList<string> WaitingSandboxes() => _app.Services.GetRequiredService<Wrapper.Server.Warm.WarmPool>().WaitingSandboxes();

    /// <summary>The processes held at their tool calls for the client's next request.</summary>
    public IReadOnlyList<int> HeldProcesses() => _app.Services.GetRequiredService<Wrapper.Server.Continuation.HeldTurns>().ProcessIds();

    /// <summary>Live processes of requests (by working directory or an argument under the sandboxes), not of waiting warm processes.</summary>
    public IReadOnlyList<int> RequestProcesses()
    {
        var waiting = WaitingSandboxes();
        return [.. Processes.WorkingUnder(SandboxRoot).Concat(Processes.WithArgumentContaining(SandboxRoot)).Distinct()
            .Where(pid => !waiting.Any(sandbox => Processes.Involves(pid, sandbox)))];
    }

    /// <summary>Stops the gateway as SIGTERM would: no new requests, running ones get the grace period.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { /* a test already failed on a leftover; keep the evidence */ }
    }
}
