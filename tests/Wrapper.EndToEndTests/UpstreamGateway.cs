namespace Wrapper.EndToEndTests;

/// <summary>
/// The gateway running a real CLI against a fake upstream API, with a throwaway HOME so that the
/// CLI's files land in the test's folder, not the user's. Disposing stops both and removes the home.
/// </summary>
internal sealed class UpstreamGateway<TUpstream> : IAsyncDisposable
    where TUpstream : IAsyncDisposable
{
    private readonly string _home;

    private UpstreamGateway(TUpstream upstream, TestGateway gateway, string home)
    {
        Upstream = upstream;
        Gateway = gateway;
        _home = home;
    }

    public TUpstream Upstream { get; }
    public TestGateway Gateway { get; }
    public HttpClient Client => Gateway.Client;

    /// <param name="upstream">The fake API, already listening.</param>
    /// <param name="cliSettings">The CLI's path and how it reaches the upstream (base URL, key).</param>
    /// <param name="overrides">A test's own settings, which win.</param>
    public static async Task<UpstreamGateway<TUpstream>> StartAsync(
        TUpstream upstream, IDictionary<string, string?> cliSettings, IDictionary<string, string?>? overrides)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        var values = new Dictionary<string, string?>(cliSettings) { ["HOME"] = home };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) values[key] = value;
        return new UpstreamGateway<TUpstream>(upstream, await TestGateway.StartAsync(values), home);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
