using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Wrapper.Server.Tools;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers.Claude;

namespace Wrapper.Tests.Providers;

public sealed class ClaudeProviderTests : SandboxTestBase
{
    [Test]
    public void The_system_prompt_goes_to_a_sandbox_file_and_the_prompt_to_stdin_never_to_argv()
    {
        using var sandbox = Sandbox.Create(Root);
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
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider().BuildInvocation(Request(null, "hi"), sandbox);

        var file = invocation.Arguments[invocation.Arguments.ToList().IndexOf("--system-prompt-file") + 1];
        Assert.That(File.ReadAllText(file), Is.EqualTo(Wrapper.Server.Providers.SystemPrompt.Default));
    }

    [Test]
    public void Quiet_switches_bounded_retries_sandbox_temp_and_the_output_limit_are_set()
    {
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider(retries: 2).BuildInvocation(Request(null, "hi") with { MaxOutputTokens = 300 }, sandbox);

        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC").WithValue("1"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_MAX_RETRIES").WithValue("2"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("CLAUDE_CODE_MAX_OUTPUT_TOKENS").WithValue("300"));
        Assert.That(invocation.EnvironmentOverrides, Does.ContainKey("TMPDIR").WithValue(sandbox.TempDirectory));
        Assert.That(invocation.AllowedEnvironment, Does.Contain("ANTHROPIC_API_KEY").And.Contain("CLAUDE_CODE_OAUTH_TOKEN").And.Contain("ANTHROPIC_BASE_URL"));
        Assert.That(invocation.Arguments, Does.Contain("--no-session-persistence").And.Contain("--strict-mcp-config"));
    }

    [TestCase(null, false)]
    [TestCase("0", false)]
    [TestCase("false", false)]
    [TestCase("1", true)]
    [TestCase("True", true)]
    public void AWS_credentials_reach_Claude_Code_only_with_Bedrock_on(string? useBedrock, bool passed)
    {
        using var sandbox = Sandbox.Create(Root);
        var settings = new Dictionary<string, string?> { ["CLAUDE_CODE_USE_BEDROCK"] = useBedrock, ["AWS_SECRET_ACCESS_KEY"] = "secret" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var invocation = Provider(configuration: configuration).BuildInvocation(Request(null, "hi"), sandbox);
        var environment = new ChildEnvironment(configuration).Build(invocation.AllowedEnvironment, invocation.EnvironmentOverrides);

        Assert.That(environment.ContainsKey("AWS_SECRET_ACCESS_KEY"), Is.EqualTo(passed));
        Assert.That(invocation.AllowedEnvironment.Any(name => name.StartsWith("AWS_", StringComparison.Ordinal)), Is.EqualTo(passed));
        Assert.That(environment.ContainsKey("CLAUDE_CODE_USE_BEDROCK"), Is.EqualTo(useBedrock is not null));
    }

    [TestCase("claude-sonnet-4-5", true)]
    [TestCase("Claude-Opus-4-8", true)]
    [TestCase("gemini-2.5-pro", false)]
    [TestCase("claude", false)]
    public void Serves_model_ids_by_prefix(string model, bool served) =>
        Assert.That(Provider().Serves(model), Is.EqualTo(served));

    [Test]
    public void Offered_tools_are_served_over_MCP_and_their_CLI_names_map_back_to_the_clients()
    {
        using var sandbox = Sandbox.Create(Root);
        var sessions = new McpToolSessions();
        var schema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
        var request = Request("sys", "hi") with
        {
            Tools = [new ToolSpec("read_file", "Reads", schema), new ToolSpec("mcp--server--tool", "", schema), new ToolSpec("bad name.v2", "", schema)],
            ParallelToolCalls = false,
        };

        var invocation = Provider(sessions: sessions).BuildInvocation(request, sandbox);

        var config = File.ReadAllText(invocation.Arguments[invocation.Arguments.ToList().IndexOf("--mcp-config") + 1]);
        var url = JsonDocument.Parse(config).RootElement.GetProperty("mcpServers").GetProperty("w").GetProperty("url").GetString()!;
        Assert.That(url, Does.StartWith("http://127.0.0.1:5555/internal/mcp/"));
        Assert.That(sessions.Find(url.Split('/')[^1])!.Tools.Select(t => t.Name), Is.EqualTo(new[] { "read_file", "mcp--server--tool", "bad_name_v2_t2" }));
        Assert.That(invocation.ToolNames, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["mcp__w__read_file"] = "read_file",
            ["mcp__w__mcp--server--tool"] = "mcp--server--tool",
            ["mcp__w__bad_name_v2_t2"] = "bad name.v2",
        }));
        Assert.That(invocation.Arguments, Does.Contain("mcp__w__*"));
        var systemPrompt = File.ReadAllText(invocation.Arguments[invocation.Arguments.ToList().IndexOf("--system-prompt-file") + 1]);
        Assert.That(systemPrompt, Is.EqualTo("sys\n\nCall at most one tool in your reply."));

        foreach (var resource in invocation.Resources) resource.Dispose();
        Assert.That(sessions.Find(url.Split('/')[^1]), Is.Null, "the tool list is gone with the run");
    }

    [Test]
    public void Tool_choice_none_offers_no_tools()
    {
        using var sandbox = Sandbox.Create(Root);
        var schema = JsonDocument.Parse("{}").RootElement;

        var invocation = Provider().BuildInvocation(Request(null, "hi") with { Tools = [new ToolSpec("t", "", schema)], ToolChoice = ToolChoice.None }, sandbox);

        Assert.That(invocation.Arguments, Does.Not.Contain("--mcp-config"));
        Assert.That(invocation.ToolNames, Is.Empty);
    }

    internal static ClaudeProvider Provider(int retries = 1, McpToolSessions? sessions = null, IConfiguration? configuration = null) =>
        new(Options.Create(new ClaudeOptions()), Options.Create(new ExecutionOptions { UpstreamMaxRetries = retries }),
            sessions ?? new McpToolSessions(), LoopbackGateway.Address(), configuration ?? new ConfigurationBuilder().Build());

    private static CompletionRequest Request(string? system, string user) => new()
    {
        Model = "claude-sonnet-4-5",
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
