namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>The gateway with the fake CLI executable as every CLI (it tells them apart by argv).</summary>
internal static class FakeGateway
{
    public static Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["CLAUDE_CLI_PATH"] = FakeCli.Path, ["GEMINI_CLI_PATH"] = FakeCli.Path, ["QWEN_CLI_PATH"] = FakeCli.Path, ["CODEX_CLI_PATH"] = FakeCli.Path,
            ["OPENAI_API_KEY"] = "sk-fake-gateway",
            // The fake CLI replays recorded output and keeps no sessions, so it cannot resume one: earlier
            // turns reach it as the transcript. Reconstruction is tested with the real CLIs (end-to-end).
            ["HISTORY_RECONSTRUCTION"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return TestGateway.StartAsync(values);
    }
}
