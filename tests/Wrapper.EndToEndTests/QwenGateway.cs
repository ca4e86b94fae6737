using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Qwen Code against a fake OpenAI Chat Completions API, with a throwaway HOME.</summary>
internal sealed class QwenGateway : IAsyncDisposable
{
    private readonly string _home;

    private QwenGateway(FakeOpenAiServer upstream, TestGateway gateway, string home)
    {
        Upstream = upstream;
        Gateway = gateway;
        _home = home;
    }

    public FakeOpenAiServer Upstream { get; }
    public TestGateway Gateway { get; }
    public HttpClient Client => Gateway.Client;

    public static async Task<QwenGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["QWEN_CLI_PATH"] = NodePackages.Bin("qwen"),
            ["OPENAI_BASE_URL"] = upstream.ApiUrl,
            ["OPENAI_API_KEY"] = "sk-qwen-e2e-test",
            ["HOME"] = home,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return new QwenGateway(upstream, await TestGateway.StartAsync(values), home);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
