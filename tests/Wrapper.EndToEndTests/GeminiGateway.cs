using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Gemini CLI against a fake Gemini API, with a throwaway HOME.</summary>
internal sealed class GeminiGateway : IAsyncDisposable
{
    private readonly string _home;

    private GeminiGateway(FakeGeminiServer upstream, TestGateway gateway, string home)
    {
        Upstream = upstream;
        Gateway = gateway;
        _home = home;
    }

    public FakeGeminiServer Upstream { get; }
    public TestGateway Gateway { get; }
    public HttpClient Client => Gateway.Client;

    public static async Task<GeminiGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeGeminiServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["GEMINI_CLI_PATH"] = NodePackages.Bin("gemini"),
            ["GOOGLE_GEMINI_BASE_URL"] = upstream.BaseUrl.ToString().TrimEnd('/'),
            ["GEMINI_API_KEY"] = "gemini-e2e-test-key",
            ["HOME"] = home,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return new GeminiGateway(upstream, await TestGateway.StartAsync(values), home);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
