using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The gateway running the real Claude Code against a fake Anthropic server, with a throwaway HOME
/// so that the CLI's files land in the test's folder, not the user's.
/// </summary>
internal sealed class ClaudeGateway : IAsyncDisposable
{
    private readonly string _home;

    private ClaudeGateway(FakeAnthropicServer upstream, TestGateway gateway, string home)
    {
        Upstream = upstream;
        Gateway = gateway;
        _home = home;
    }

    public FakeAnthropicServer Upstream { get; }
    public TestGateway Gateway { get; }
    public HttpClient Client => Gateway.Client;

    public static async Task<ClaudeGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeAnthropicServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["CLAUDE_CLI_PATH"] = RealClis.ClaudePath,
            ["ANTHROPIC_BASE_URL"] = upstream.BaseUrl.ToString().TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = "sk-ant-e2e-test",
            ["HOME"] = home,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return new ClaudeGateway(upstream, await TestGateway.StartAsync(values), home);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
