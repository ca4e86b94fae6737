using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers.Codex;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Providers;

public sealed class CodexProviderTests : SandboxTestBase
{
    [Test]
    public void With_an_api_key_codex_uses_its_own_provider_with_bounded_retries_and_the_prompt_on_stdin()
    {
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider(("OPENAI_API_KEY", "sk-secret"), ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"))
            .BuildInvocation(Request("Secret system text", "The user's question", "codex-gpt-5.1"), sandbox);

        var args = invocation.Arguments;
        Assert.That(args.Take(2), Is.EqualTo(new[] { "exec", "--json" }));
        Assert.That(args, Does.Contain("--ephemeral").And.Contain("--skip-git-repo-check").And.Contain("unbounded_connection_retries"));
        Assert.That(args[args.ToList().IndexOf("-m") + 1], Is.EqualTo("gpt-5.1"), "the routing prefix is removed");
        Assert.That(args, Does.Contain("model_providers.wrapper.base_url=\"http://127.0.0.1:9/v1\"")
            .And.Contain("model_providers.wrapper.env_key=\"OPENAI_API_KEY\"")
            .And.Contain("model_providers.wrapper.wire_api=\"responses\"")
            .And.Contain("model_providers.wrapper.request_max_retries=1")
            .And.Contain("model_providers.wrapper.stream_max_retries=1"));
        Assert.That(args[^1], Is.EqualTo("-"));
        Assert.That(args, Has.None.Contain("sk-secret").And.None.Contain("Secret system text").And.None.Contain("The user's question"));
        var instructions = args.Single(a => a.StartsWith("model_instructions_file=", StringComparison.Ordinal));
        Assert.That(File.ReadAllText(instructions["model_instructions_file=".Length..].Trim('"')), Is.EqualTo("Secret system text"));
        Assert.That(invocation.StandardInput, Is.EqualTo("The user's question"));
        Assert.That(invocation.EnvironmentOverrides["CODEX_HOME"], Is.EqualTo(Path.Combine(sandbox.HomeDirectory, ".codex")));
    }

    [Test]
    public void A_chatgpt_login_in_the_real_home_is_linked_and_no_provider_is_configured()
    {
        var realHome = Directory.CreateDirectory(Path.Combine(Root, "real-home")).FullName;
        Directory.CreateDirectory(Path.Combine(realHome, ".codex"));
        File.WriteAllText(Path.Combine(realHome, ".codex", "auth.json"), "{}");
        using var sandbox = Sandbox.Create(Path.Combine(Root, "sandboxes"));
        var provider = Provider(("HOME", realHome));

        var invocation = provider.BuildInvocation(Request(null, "hi"), sandbox);

        Assert.That(new FileInfo(Path.Combine(sandbox.HomeDirectory, ".codex", "auth.json")).LinkTarget, Is.EqualTo(Path.Combine(realHome, ".codex", "auth.json")));
        Assert.That(invocation.Arguments, Has.None.Contain("model_provider"));
        Assert.That(provider.AuthSource(), Is.EqualTo("oauth login in ~/.codex"));
    }

    [Test]
    public void Without_credentials_the_request_is_refused_with_a_401_before_codex_starts()
    {
        using var sandbox = Sandbox.Create(Root);

        var error = Assert.Throws<GatewayException>(() => Provider(("HOME", Path.Combine(Root, "nobody"))).BuildInvocation(Request(null, "hi"), sandbox))!;

        Assert.That(error.Message, Does.Contain("codex login"));
    }

    [TestCase("gpt-5.1-codex", true)]
    [TestCase("codex-mini", true)]
    [TestCase("qwen-max", false)]
    public void Serves_gpt_and_codex_ids(string model, bool served) =>
        Assert.That(Provider().Serves(model), Is.EqualTo(served));

    [Test]
    public void Offered_tools_are_served_over_MCP_from_config_toml_with_calls_approved_and_map_back_to_the_clients_names()
    {
        using var sandbox = Sandbox.Create(Root);
        var sessions = new McpToolSessions();
        var schema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
        var request = Request("sys", "hi") with
        {
            Tools = [new ToolSpec("read_file", "Reads", schema), new ToolSpec("mcp--fs--read", "", schema), new ToolSpec("bad name.v2", "", schema)],
            ToolChoice = ToolChoice.Required,
        };

        var invocation = Provider(sessions, ("OPENAI_API_KEY", "sk-secret")).BuildInvocation(request, sandbox);

        var config = File.ReadAllLines(Path.Combine(sandbox.HomeDirectory, ".codex", "config.toml"));
        Assert.That(config[0], Is.EqualTo("[mcp_servers.w]"));
        Assert.That(config, Does.Contain("default_tools_approval_mode = \"approve\""));
        var url = config.Single(line => line.StartsWith("url = ", StringComparison.Ordinal))["url = ".Length..].Trim('"');
        Assert.That(url, Does.StartWith("http://127.0.0.1:5555/internal/mcp/"));
        Assert.That(invocation.Arguments, Has.None.Contain(url.Split('/')[^1]), "the session token stays out of argv");
        // Codex would turn the hyphens into underscores itself; the stand-in keeps the name unique.
        Assert.That(sessions.Find(url.Split('/')[^1])!.Tools.Select(t => t.Name), Is.EqualTo(new[] { "read_file", "mcp__fs__read_t1", "bad_name_v2_t2" }));
        Assert.That(invocation.ToolNames, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["mcp__w__read_file"] = "read_file",
            ["mcp__w__mcp__fs__read_t1"] = "mcp--fs--read",
            ["mcp__w__bad_name_v2_t2"] = "bad name.v2",
        }));
        Assert.That(invocation.EnvironmentOverrides["RUST_LOG"], Is.EqualTo(CodexTools.LogFilter), "the answer's end is only in the log");
        var instructions = invocation.Arguments.Single(a => a.StartsWith("model_instructions_file=", StringComparison.Ordinal));
        Assert.That(File.ReadAllText(instructions["model_instructions_file=".Length..].Trim('"')), Is.EqualTo("sys\n\nYou must answer by calling one of the available tools."));

        foreach (var resource in invocation.Resources) resource.Dispose();
        Assert.That(sessions.Find(url.Split('/')[^1]), Is.Null, "the tool list is gone with the run");
    }

    [Test]
    public void Without_tools_or_with_tool_choice_none_there_is_no_MCP_server_and_no_trace_log()
    {
        using var sandbox = Sandbox.Create(Root);
        var schema = JsonDocument.Parse("{}").RootElement;

        var invocation = Provider(("OPENAI_API_KEY", "k")).BuildInvocation(Request(null, "hi") with { Tools = [new ToolSpec("t", "", schema)], ToolChoice = ToolChoice.None }, sandbox);

        Assert.That(File.Exists(Path.Combine(sandbox.HomeDirectory, ".codex", "config.toml")), Is.False);
        Assert.That(invocation.ToolNames, Is.Empty);
        Assert.That(invocation.EnvironmentOverrides.ContainsKey("RUST_LOG"), Is.False);
    }

    private static CodexProvider Provider(params (string Key, string Value)[] settings) => Provider(new McpToolSessions(), settings);

    private static CodexProvider Provider(McpToolSessions sessions, params (string Key, string Value)[] settings) =>
        new(Options.Create(new CodexOptions()), Options.Create(new ExecutionOptions { UpstreamMaxRetries = 1 }),
            sessions, LoopbackGateway.Address(),
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    private static CompletionRequest Request(string? system, string user, string model = "gpt-5.1-codex") => new()
    {
        Model = model,
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
