using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Codex against a fake OpenAI Responses API, with a throwaway HOME.</summary>
internal sealed class CodexGateway : IAsyncDisposable
{
    private readonly string _home;

    private CodexGateway(FakeOpenAiServer upstream, TestGateway gateway, string home)
    {
        Upstream = upstream;
        Gateway = gateway;
        _home = home;
    }

    public FakeOpenAiServer Upstream { get; }
    public TestGateway Gateway { get; }
    public HttpClient Client => Gateway.Client;

    public static async Task<CodexGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["CODEX_CLI_PATH"] = NodePackages.Bin("codex"),
            ["OPENAI_BASE_URL"] = upstream.ApiUrl,
            ["OPENAI_API_KEY"] = "sk-codex-e2e-test",
            ["HOME"] = home,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return new CodexGateway(upstream, await TestGateway.StartAsync(values), home);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
