using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers.Gemini;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Providers;

public sealed class GeminiProviderTests : SandboxTestBase
{
    [Test]
    public void Runs_headless_with_stream_json_the_model_skip_trust_and_the_prompt_on_stdin()
    {
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider().BuildInvocation(Request("Secret system text", "The user's question", "gemini-2.5-pro"), sandbox);

        Assert.That(invocation.Arguments, Is.EqualTo(new[] { "-p", "", "-o", "stream-json", "-m", "gemini-2.5-pro", "--skip-trust", "--approval-mode", "default" }));
        Assert.That(invocation.StandardInput, Is.EqualTo("The user's question"));
        var systemFile = invocation.EnvironmentOverrides["GEMINI_SYSTEM_MD"];
        Assert.That(systemFile, Does.StartWith(sandbox.Root));
        Assert.That(File.ReadAllText(systemFile), Is.EqualTo("Secret system text"));
        Assert.That(invocation.EnvironmentOverrides["GEMINI_CLI_NO_RELAUNCH"], Is.EqualTo("true"));
        Assert.That(Path.GetFullPath(invocation.EnvironmentOverrides["GEMINI_CLI_HOME"], sandbox.WorkDirectory), Is.EqualTo(sandbox.HomeDirectory));
        Assert.That(invocation.EnvironmentOverrides["GEMINI_CLI_HOME"], Does.Not.Contain(sandbox.Root), "the same text in every sandbox");
        Assert.That(invocation.EnvironmentOverrides["TMPDIR"], Is.EqualTo(sandbox.TempDirectory));
    }

    [Test]
    public void The_prefix_alias_means_GEMINI_MODEL()
    {
        using var sandbox = Sandbox.Create(Root);
        var provider = new GeminiProvider(Options.Create(new GeminiOptions { DefaultModel = "gemini-3-flash" }),
            Options.Create(new ExecutionOptions()), new ConfigurationBuilder().Build(), new McpToolSessions(), LoopbackGateway.Address());

        var invocation = provider.BuildInvocation(Request(null, "hi", "gemini-default-progress"), sandbox);

        Assert.That(invocation.Arguments[invocation.Arguments.ToList().IndexOf("-m") + 1], Is.EqualTo("gemini-3-flash"));
    }

    [Test]
    public void The_request_home_gets_quiet_bounded_settings_with_api_key_auth_and_no_tools()
    {
        using var sandbox = Sandbox.Create(Root);

        Provider(retries: 2, ("GEMINI_API_KEY", "k")).BuildInvocation(Request(null, "hi"), sandbox);

        var settings = Settings(sandbox);
        Assert.That(settings["security"]!["auth"]!["selectedType"]!.GetValue<string>(), Is.EqualTo("gemini-api-key"));
        Assert.That(settings["general"]!["maxAttempts"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(settings["privacy"]!["usageStatisticsEnabled"]!.GetValue<bool>(), Is.False);
        Assert.That(settings["telemetry"]!["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(settings["tools"]!["core"]!.AsArray(), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(sandbox.HomeDirectory, ".gemini", "settings.json")), Does.Not.Contain("\"k\""));
    }

    [Test]
    public void An_oauth_login_in_the_real_home_is_linked_not_copied()
    {
        var realHome = Directory.CreateDirectory(Path.Combine(Root, "real-home")).FullName;
        Directory.CreateDirectory(Path.Combine(realHome, ".gemini"));
        File.WriteAllText(Path.Combine(realHome, ".gemini", "oauth_creds.json"), "{}");
        using var sandbox = Sandbox.Create(Path.Combine(Root, "sandboxes"));
        var provider = Provider(1, ("HOME", realHome));

        provider.BuildInvocation(Request(null, "hi"), sandbox);

        var link = new FileInfo(Path.Combine(sandbox.HomeDirectory, ".gemini", "oauth_creds.json"));
        Assert.That(link.LinkTarget, Is.EqualTo(Path.Combine(realHome, ".gemini", "oauth_creds.json")));
        Assert.That(Settings(sandbox)["security"]!["auth"]!["selectedType"]!.GetValue<string>(), Is.EqualTo("oauth-personal"));
        Assert.That(provider.AuthSource(), Is.EqualTo("oauth login in ~/.gemini"));
        sandbox.Dispose();
        Assert.That(File.Exists(Path.Combine(realHome, ".gemini", "oauth_creds.json")), Is.True, "removing the sandbox removes the link, not the login");
    }

    [Test]
    public void Without_credentials_no_auth_type_is_chosen_and_the_status_says_none()
    {
        using var sandbox = Sandbox.Create(Root);
        var provider = Provider(1, ("HOME", Path.Combine(Root, "nobody")));

        provider.BuildInvocation(Request(null, "hi"), sandbox);

        Assert.That(Settings(sandbox)["security"], Is.Null);
        Assert.That(provider.AuthSource(), Is.EqualTo("none"));
    }

    [Test]
    public void Offered_tools_are_registered_as_the_one_trusted_MCP_server_and_their_CLI_names_map_back()
    {
        using var sandbox = Sandbox.Create(Root);
        var sessions = new McpToolSessions();
        var schema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
        var request = Request("sys", "hi") with
        {
            Tools = [new ToolSpec("read_file", "Reads", schema), new ToolSpec("mcp--server--tool", "", schema)],
            ToolChoice = ToolChoice.Required,
        };

        var invocation = Provider(sessions).BuildInvocation(request, sandbox);

        var settings = Settings(sandbox);
        var server = settings["mcpServers"]!.AsObject().Single();
        Assert.That(server.Key, Is.EqualTo("w"));
        var url = server.Value!["httpUrl"]!.GetValue<string>();
        Assert.That(url, Does.StartWith(LoopbackGateway.McpUrlPrefix));
        Assert.That(server.Value!["trust"]!.GetValue<bool>(), Is.True, "no confirmation, which a headless run would deny");
        Assert.That(settings["tools"]!["core"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "mcp_w_*" }),
            "only the MCP tools pass the core allow-list; no built-in tool matches it");
        Assert.That(invocation.ToolNames, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["mcp_w_read_file"] = "read_file",
            ["mcp_w_mcp--server--tool"] = "mcp--server--tool",
        }));
        Assert.That(File.ReadAllText(invocation.EnvironmentOverrides["GEMINI_SYSTEM_MD"]), Is.EqualTo("sys\n\nYou must answer by calling one of the available tools."));

        foreach (var resource in invocation.Resources) resource.Dispose();
        Assert.That(sessions.Find(url.Split('/')[^1]), Is.Null, "the tool list is gone with the run");
    }

    [Test]
    public void Tool_choice_none_offers_no_tools()
    {
        using var sandbox = Sandbox.Create(Root);
        var schema = JsonDocument.Parse("{}").RootElement;

        var invocation = Provider().BuildInvocation(Request(null, "hi") with { Tools = [new ToolSpec("t", "", schema)], ToolChoice = ToolChoice.None }, sandbox);

        Assert.That(Settings(sandbox)["mcpServers"], Is.Null);
        Assert.That(Settings(sandbox)["tools"]!["core"]!.AsArray(), Is.Empty);
        Assert.That(invocation.ToolNames, Is.Empty);
        Assert.That(invocation.Resources, Is.Empty);
    }

    [TestCase("gemini-2.5-pro", true)]
    [TestCase("Gemini-default", true)]
    [TestCase("claude-sonnet-4-5", false)]
    public void Serves_model_ids_by_prefix(string model, bool served) =>
        Assert.That(Provider().Serves(model), Is.EqualTo(served));

    [Test]
    public void A_resumed_run_loads_the_earlier_turns_from_a_session_file_in_the_sandbox_and_gets_the_latest_input_as_its_prompt()
    {
        using var sandbox = Sandbox.Create(Root);
        var provider = Provider();
        var request = Request(null, "Show me src/config.ts") with
        {
            Messages =
            [
                new(ConversationRole.User, "Show me src/config.ts"),
                new(ConversationRole.Assistant, "") { ToolCalls = [new HistoryToolCall("call_1", "read_file", "{}")] },
                new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
            ],
        };

        var invocation = provider.BuildResumedInvocation(request, sandbox);

        Assert.That(provider.HasHistory(request), Is.True);
        var file = invocation.Arguments[invocation.Arguments.ToList().IndexOf("--session-file") + 1];
        Assert.That(file, Does.StartWith(sandbox.Root));
        Assert.That(File.ReadAllText(file), Does.Contain("\"id\":\"call_1\",\"name\":\"mcp_w_read_file\""));
        Assert.That(invocation.StandardInput, Is.EqualTo("Continue with the tool results above."));
        Assert.That(Settings(sandbox)["context"]!["includeDirectoryTree"]!.GetValue<bool>(), Is.False, "no folder listing with the sandbox's path");
    }

    [Test]
    public void A_conversation_with_a_slash_command_is_not_resumed_because_the_cli_would_drop_or_run_that_turn()
    {
        var request = Request(null, "x") with
        {
            Messages = [new(ConversationRole.User, "/review"), new(ConversationRole.Assistant, "Done."), new(ConversationRole.User, "Thanks")],
        };

        Assert.That(Provider().HasHistory(request), Is.False);
        Assert.That(Provider().HasHistory(request with
        {
            Messages = [new(ConversationRole.User, "Hi"), new(ConversationRole.Assistant, "Hello."), new(ConversationRole.User, "/review")],
        }), Is.False, "nor a latest one, which the CLI would run as a command");
    }

    private static JsonNode Settings(Sandbox sandbox) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(sandbox.HomeDirectory, ".gemini", "settings.json")))!;

    private static GeminiProvider Provider(int retries = 1, params (string Key, string Value)[] settings) => Provider(new McpToolSessions(), retries, settings);

    private static GeminiProvider Provider(McpToolSessions sessions, int retries = 1, params (string Key, string Value)[] settings) =>
        new(Options.Create(new GeminiOptions()), Options.Create(new ExecutionOptions { UpstreamMaxRetries = retries }),
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            sessions, LoopbackGateway.Address());

    private static CompletionRequest Request(string? system, string user, string model = "gemini-2.5-flash") => new()
    {
        Model = model,
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
