using Wrapper.EndToEndTests.Fakes;
using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Running;

/// <summary>
/// The real Claude Code against the tests' fake Anthropic API, as every Claude section measures it:
/// the pinned CLI installed, a fake upstream listening, a HOME for the CLI's files, and from there a
/// gateway process or a direct run of the CLI that both reach that upstream. Disposing stops the upstream.
/// </summary>
internal sealed class ClaudeAgainstFakeApi(BenchmarkContext context, FakeAnthropicServer upstream, string home) : IAsyncDisposable
{
    private const string ApiKey = "sk-ant-bench";

    /// <summary>The fake API: a section sets its answers (tool calls, prompt caching) before the client starts.</summary>
    public FakeAnthropicServer Upstream => upstream;

    private string BaseUrl => upstream.BaseUrl.ToString().TrimEnd('/');

    /// <param name="home">The CLI's HOME (a scratch folder): a section that starts several upstreams gives them one.</param>
    public static async Task<ClaudeAgainstFakeApi> StartAsync(BenchmarkContext context, string home)
    {
        await NodePackages.EnsureInstalledAsync();
        return new ClaudeAgainstFakeApi(context, await FakeAnthropicServer.StartAsync(), home);
    }

    /// <summary>A gateway process running this Claude Code, with <paramref name="settings"/> over those that reach the upstream.</summary>
    public Task<GatewayProcess> StartGatewayAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string>
        {
            ["CLAUDE_CLI_PATH"] = NodePackages.ClaudePath,
            ["ANTHROPIC_BASE_URL"] = BaseUrl,
            ["ANTHROPIC_API_KEY"] = ApiKey,
            ["HOME"] = home,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) values[key] = value;
        return GatewayProcess.StartAsync(context, values);
    }

    /// <summary>Claude Code started directly in <paramref name="workingDirectory"/>, with the environment the gateway gives it (ClaudeProvider and ChildEnvironment).</summary>
    public DirectCli Direct(string workingDirectory)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = context.ScratchDirectory("claude-tmp"),
            ["ANTHROPIC_BASE_URL"] = BaseUrl,
            ["ANTHROPIC_API_KEY"] = ApiKey,
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_MAX_RETRIES"] = "1",
        };
        return new DirectCli(NodePackages.ClaudePath, ClaudeArguments.For(context.SystemPromptFile()), environment, workingDirectory);
    }

    /// <summary>The line of Claude Code's stream-json output that carries its first text.</summary>
    public static bool IsFirstDelta(string line) => line.Contains("\"text_delta\"", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => upstream.DisposeAsync();
}
