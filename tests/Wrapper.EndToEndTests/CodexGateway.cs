using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Codex against a fake OpenAI Responses API.</summary>
internal static class CodexGateway
{
    public static async Task<UpstreamGateway<FakeOpenAiServer>> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        return await UpstreamGateway<FakeOpenAiServer>.StartAsync(upstream, Settings(upstream), settings);
    }

    /// <summary>The CLI's path and how it reaches <paramref name="upstream"/>.</summary>
    public static IDictionary<string, string?> Settings(FakeOpenAiServer upstream) => new Dictionary<string, string?>
    {
        ["CODEX_CLI_PATH"] = NodePackages.Bin("codex"),
        ["OPENAI_BASE_URL"] = upstream.ApiUrl,
        ["OPENAI_API_KEY"] = "sk-codex-e2e-test",
    };
}
