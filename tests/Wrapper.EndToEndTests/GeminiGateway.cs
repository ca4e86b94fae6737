using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Gemini CLI against a fake Gemini API.</summary>
internal static class GeminiGateway
{
    public static async Task<UpstreamGateway<FakeGeminiServer>> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeGeminiServer.StartAsync();
        return await UpstreamGateway<FakeGeminiServer>.StartAsync(upstream, Settings(upstream), settings);
    }

    /// <summary>The CLI's path and how it reaches <paramref name="upstream"/>.</summary>
    public static IDictionary<string, string?> Settings(FakeGeminiServer upstream) => new Dictionary<string, string?>
    {
        ["GEMINI_CLI_PATH"] = NodePackages.Bin("gemini"),
        ["GOOGLE_GEMINI_BASE_URL"] = upstream.BaseUrl.ToString().TrimEnd('/'),
        ["GEMINI_API_KEY"] = "gemini-e2e-test-key",
    };
}
