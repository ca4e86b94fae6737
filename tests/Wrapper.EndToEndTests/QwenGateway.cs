using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Qwen Code against a fake OpenAI Chat Completions API.</summary>
internal static class QwenGateway
{
    public static async Task<UpstreamGateway<FakeOpenAiServer>> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        return await UpstreamGateway<FakeOpenAiServer>.StartAsync(upstream, Settings(upstream), settings);
    }

    /// <summary>The CLI's path and how it reaches <paramref name="upstream"/>.</summary>
    public static IDictionary<string, string?> Settings(FakeOpenAiServer upstream) => new Dictionary<string, string?>
    {
        ["QWEN_CLI_PATH"] = NodePackages.Bin("qwen"),
        ["OPENAI_BASE_URL"] = upstream.ApiUrl,
        ["OPENAI_API_KEY"] = "sk-qwen-e2e-test",
    };
}
