namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>
/// A fixture whose tests share gateways: a test asks for the settings it needs and gets the
/// fixture's gateway with exactly those settings, started at its first use and stopped after the
/// fixture's last test (a start and a stop per test made up much of the suite's time). Between
/// tests each gateway is brought back to rest, as a fresh one would be: a record folder and client
/// headers of the test's own, no held turn, no request's process or sandbox left (a test that
/// leaves one fails, and the next test gets a fresh gateway). A test that needs what only a fresh
/// gateway gives (a stop or restart, an empty ledger, a rate-limit window or a warm pool of its own,
/// a process-wide environment variable read at start) starts its own with <see cref="FakeGateway"/>.
/// </summary>
public abstract class SharedGatewayFixture
{
    // A busy machine may take a few seconds to end a killed CLI tree and remove its sandbox.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Task<TestGateway>> _gateways = [];

    /// <summary>The fixture's gateway with these settings (over FakeGateway's), started if it is the first use.</summary>
    protected Task<TestGateway> SharedGatewayAsync(IDictionary<string, string?>? settings = null)
    {
        var key = string.Join('\n', (settings ?? new Dictionary<string, string?>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
        lock (_gateways)
        {
            if (!_gateways.TryGetValue(key, out var gateway) || gateway.IsFaulted || gateway.IsCanceled)
                _gateways[key] = gateway = FakeGateway.StartAsync(settings);
            return gateway;
        }
    }

    [SetUp]
    public async Task BeginTestOnSharedGatewaysAsync()
    {
        foreach (var gateway in await StartedAsync()) gateway.BeginNextTest();
    }

    [TearDown]
    public async Task SettleSharedGatewaysAsync()
    {
        List<string> leftovers = [];
        foreach (var (key, gateway) in await StartedWithKeysAsync())
        {
            var left = await gateway.SettleAsync(SettleTimeout);
            if (left.Count == 0) continue;
            leftovers.AddRange(left);
            lock (_gateways) _gateways.Remove(key);
            await gateway.DisposeAsync(); // the next test gets a fresh one
        }
        if (leftovers.Count > 0) Assert.Fail($"The test left {string.Join(", ", leftovers)} behind on its shared gateway after {SettleTimeout.TotalSeconds} s.");
    }

    [OneTimeTearDown]
    public async Task StopSharedGatewaysAsync()
    {
        foreach (var gateway in await StartedAsync()) await gateway.DisposeAsync();
        lock (_gateways) _gateways.Clear();
    }

    private async Task<List<TestGateway>> StartedAsync() => [.. (await StartedWithKeysAsync()).Select(g => g.Gateway)];

    private async Task<List<(string Key, TestGateway Gateway)>> StartedWithKeysAsync()
    {
        List<KeyValuePair<string, Task<TestGateway>>> starts;
        lock (_gateways) starts = [.. _gateways];
        List<(string, TestGateway)> started = [];
        foreach (var (key, start) in starts)
        {
            try { started.Add((key, await start)); }
            catch (Exception) when (start.IsFaulted || start.IsCanceled) { /* the test that started it saw the failure */ }
        }
        return started;
    }
}
