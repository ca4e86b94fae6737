using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway running the real Claude Code against a fake Anthropic Messages API.</summary>
internal static class ClaudeGateway
{
    public static async Task<UpstreamGateway<FakeAnthropicServer>> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await FakeAnthropicServer.StartAsync();
        return await UpstreamGateway<FakeAnthropicServer>.StartAsync(upstream, new Dictionary<string, string?>
        {
            ["CLAUDE_CLI_PATH"] = RealClis.ClaudePath,
            ["ANTHROPIC_BASE_URL"] = upstream.BaseUrl.ToString().TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = "sk-ant-e2e-test",
        }, settings);
    }
}
