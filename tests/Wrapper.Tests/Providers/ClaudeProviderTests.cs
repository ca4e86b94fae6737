using Microsoft.Extensions.Options;
using Wrapper.Server.Completions;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers.Claude;

namespace Wrapper.Tests.Providers;

public sealed class ClaudeProviderTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("wrapper-unit-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_system_prompt_goes_to_a_sandbox_file_and_the_prompt_to_stdin_never_to_argv()
    {
        using var sandbox = Sandbox.Create(_root);
        var request = Request("Secret system text", "The user's question");

        var invocation = Provider().BuildInvocation(request, sandbox);

        var file = invocation.Arguments[invocation.Arguments.ToList().IndexOf("--system-prompt-file") + 1];
        Assert.That(file, Does.StartWith(sandbox.Root));
        Assert.That(File.ReadAllText(file), Is.EqualTo("Secret system text"));
        Assert.That(invocation.StandardInput, Is.EqualTo("The user's question"));
        Assert.That(invocation.Arguments, Has.None.Contain("Secret system text").And.None.Contain("The user's question"));
    }

    [Test]
    public void Without_a_system_message_a_neutral_prompt_replaces_Claude_Codes_agent_prompt()
    {
        using var sandbox = Sandbox.Create(_root);

        var invocation = Provider().BuildInvocation(Request(null, "hi"), sandbox);

        var file = invocation.Arguments[invocation.Arguments.ToList().IndexOf("--system-prompt-file") + 1];
        Assert.That(File.ReadAllText(file), Is.EqualTo(ClaudeProvider.DefaultSystemPrompt));
    }

    [Test]
    public void Quiet_switches_bounded_retries_sandbox_temp_and_the_output_limit_are_set()
    {
        using var sandbox = Sandbox.Create(_root);

        var invocation = Provider(retries: 2).BuildInvocation(Request(null, "hi") with { MaxOutputTokens = 300 }, sandbox);

        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC").WithValue("1"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_MAX_RETRIES").WithValue("2"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_MAX_OUTPUT_TOKENS").WithValue("300"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("TMPDIR").WithValue(sandbox.TempDirectory));
        Assert.That(invocation.AllowedEnvironment, Does.Contain("ANTHROPIC_API_KEY").And.Contain("CLAUDE_CODE_OAUTH_TOKEN").And.Contain("ANTHROPIC_BASE_URL"));
        Assert.That(invocation.Arguments, Does.Contain("--no-session-persistence").And.Contain("--strict-mcp-config"));
    }

    [TestCase("claude-sonnet-4-5", true)]
    [TestCase("Claude-Opus-4-8", true)]
    [TestCase("gemini-2.5-pro", false)]
    [TestCase("claude", false)]
    public void Serves_model_ids_by_prefix(string model, bool served) =>
        Assert.That(Provider().Serves(model), Is.EqualTo(served));

    private static ClaudeProvider Provider(int retries = 1) =>
        new(Options.Create(new ClaudeOptions()), Options.Create(new ExecutionOptions { UpstreamMaxRetries = retries }));

    private static CompletionRequest Request(string? system, string user) => new()
    {
        Model = "claude-sonnet-4-5",
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
