using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// One real CLI against its fake model API, as the tests every CLI must pass see it (<see cref="RealCliTests"/>):
/// the model id to ask for, the setting that holds its key, and what its 401s tell the user (no login; a key refused).
/// </summary>
internal sealed record RealCli(
    string Name, string Model, string KeySetting, string LoginHint, string UnauthorizedHint, TimeSpan ErrorWithin, TimeSpan NoCredentialsWithin,
    Func<IDictionary<string, string?>?, Task<UpstreamGateway<FakeModelServer>>> StartAsync)
{
    public static readonly RealCli Gemini = new("gemini", "gemini-2.5-flash", "GEMINI_API_KEY", "`gemini`", "GEMINI_API_KEY", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30),
        settings => Start(FakeGeminiServer.StartAsync, GeminiGateway.Settings, settings));

    // Qwen Code would retry 7 times with back-off; the gateway ends the run at the first failed attempt in its debug log.
    public static readonly RealCli Qwen = new("qwen", "qwen-2.5-flash", "OPENAI_API_KEY", "`qwen`", "OPENAI_API_KEY", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30),
        settings => Start(FakeOpenAiServer.StartAsync, QwenGateway.Settings, settings));

    // Without credentials Codex would wait for the network forever: the gateway answers at once.
    public static readonly RealCli Codex = new("codex", "gpt-5.1-codex", "OPENAI_API_KEY", "codex login", "codex login", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5),
        settings => Start(FakeOpenAiServer.StartAsync, CodexGateway.Settings, settings));

    public static RealCli Named(string name) => new[] { Gemini, Qwen, Codex }.Single(cli => cli.Name == name);

    public override string ToString() => Name;

    private static async Task<UpstreamGateway<FakeModelServer>> Start<TUpstream>(
        Func<Task<TUpstream>> startUpstream, Func<TUpstream, IDictionary<string, string?>> cliSettings, IDictionary<string, string?>? settings)
        where TUpstream : FakeModelServer
    {
        var upstream = await startUpstream();
        return await UpstreamGateway<FakeModelServer>.StartAsync(upstream, cliSettings(upstream), settings);
    }
}
