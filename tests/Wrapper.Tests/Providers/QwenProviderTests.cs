using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Qwen;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Providers;

public sealed class QwenProviderTests : SandboxTestBase
{
    [Test]
    public void Runs_with_partial_messages_no_recording_and_the_prompt_and_system_prompt_never_in_argv()
    {
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider(("OPENAI_API_KEY", "k")).BuildInvocation(Request("Secret system text", "The user's question", "qwen-max"), sandbox);

        Assert.That(invocation.Arguments, Is.EqualTo(new[] { "-o", "stream-json", "--include-partial-messages", "-m", "qwen-max", "--chat-recording=false", "--approval-mode", "default" }));
        Assert.That(invocation.StandardInput, Is.EqualTo("The user's question"));
        Assert.That(File.ReadAllText(invocation.EnvironmentOverrides["QWEN_SYSTEM_MD"]), Is.EqualTo("Secret system text"));
        Assert.That(invocation.EnvironmentOverrides["QWEN_CODE_NO_RELAUNCH"], Is.EqualTo("true"));
        Assert.That(invocation.EnvironmentOverrides["QWEN_HOME"], Is.EqualTo(Path.Combine(sandbox.HomeDirectory, ".qwen")));
        Assert.That(invocation.EnvironmentOverrides["OPENAI_MODEL"], Is.EqualTo("qwen-max"), "auth type openai from the environment needs the model too");
        var settings = Settings(sandbox);
        Assert.That(settings["security"]!["auth"]!["selectedType"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(settings["memory"]!["enableManagedAutoMemory"]!.GetValue<bool>(), Is.False);
        Assert.That(settings["privacy"]!["usageStatisticsEnabled"]!.GetValue<bool>(), Is.False);
        Assert.That(settings["model"]!["generationConfig"]!["maxRetries"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(settings["tools"]!["exclude"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("run_shell_command").And.Contain("read_file"));
    }

    [Test]
    public void A_login_qwen_refreshes_during_the_run_is_kept_when_the_run_ends()
    {
        var realHome = Directory.CreateDirectory(Path.Combine(Root, "real-home")).FullName;
        var realLogin = Path.Combine(Directory.CreateDirectory(Path.Combine(realHome, ".qwen")).FullName, "oauth_creds.json");
        File.WriteAllText(realLogin, "old");
        File.SetLastWriteTimeUtc(realLogin, DateTime.UtcNow.AddMinutes(-5));
        using var sandbox = Sandbox.Create(Path.Combine(Root, "sandboxes"));
        var invocation = Provider(("HOME", realHome)).BuildInvocation(Request(null, "hi"), sandbox);

        // Qwen Code's token manager writes a new file and renames it over the linked one.
        var temporary = Path.Combine(sandbox.HomeDirectory, ".qwen", "oauth_creds.json.tmp.1");
        File.WriteAllText(temporary, "refreshed");
        File.Move(temporary, Path.Combine(sandbox.HomeDirectory, ".qwen", "oauth_creds.json"), overwrite: true);
        foreach (var resource in invocation.Resources) resource.Dispose();
        invocation.FailureWatch?.Dispose();

        Assert.That(File.ReadAllText(realLogin), Is.EqualTo("refreshed"));
    }

    [Test]
    public void An_oauth_login_in_the_real_home_is_linked_not_copied()
    {
        var realHome = Directory.CreateDirectory(Path.Combine(Root, "real-home")).FullName;
        Directory.CreateDirectory(Path.Combine(realHome, ".qwen"));
        File.WriteAllText(Path.Combine(realHome, ".qwen", "oauth_creds.json"), "{}");
        using var sandbox = Sandbox.Create(Path.Combine(Root, "sandboxes"));
        var provider = Provider(("HOME", realHome));

        provider.BuildInvocation(Request(null, "hi"), sandbox);

        var link = new FileInfo(Path.Combine(sandbox.HomeDirectory, ".qwen", "oauth_creds.json"));
        Assert.That(link.LinkTarget, Is.EqualTo(Path.Combine(realHome, ".qwen", "oauth_creds.json")));
        Assert.That(provider.AuthSource(), Is.EqualTo("oauth login in ~/.qwen"));
    }

    [Test]
    public void Offered_tools_are_registered_as_the_one_trusted_MCP_server_and_their_CLI_names_map_back()
    {
        using var sandbox = Sandbox.Create(Root);
        var sessions = new McpToolSessions();
        var schema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
        var request = Request("sys", "hi") with
        {
            Tools = [new ToolSpec("read_file", "Reads", schema), new ToolSpec("write_file", "", schema)],
            ToolChoice = new ToolChoice(ToolChoiceMode.Function, "write_file"),
        };

        var invocation = Provider(sessions, ("OPENAI_API_KEY", "k")).BuildInvocation(request, sandbox);

        var settings = Settings(sandbox);
        var server = settings["mcpServers"]!.AsObject().Single();
        Assert.That(server.Key, Is.EqualTo("w"));
        var url = server.Value!["httpUrl"]!.GetValue<string>();
        Assert.That(url, Does.StartWith(LoopbackGateway.McpUrlPrefix), "httpUrl: Streamable HTTP (a bare url is SSE in Qwen)");
        Assert.That(server.Value!["trust"]!.GetValue<bool>(), Is.True);
        Assert.That(settings["tools"]!["exclude"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("tool_search").And.Contain("write_file"),
            "the CLI's own tools stay off, tool_search too, so the MCP tools are not deferred");
        Assert.That(invocation.ToolNames, Is.EquivalentTo(new Dictionary<string, string> { ["mcp__w__write_file"] = "write_file" }),
            "a named tool_choice offers that tool only");
        Assert.That(sessions.Find(url.Split('/')[^1])!.Tools.Select(t => t.Name), Is.EqualTo(new[] { "write_file" }));
        Assert.That(File.ReadAllText(invocation.EnvironmentOverrides["QWEN_SYSTEM_MD"]), Is.EqualTo("sys\n\nYou must answer by calling the tool write_file."));

        foreach (var resource in invocation.Resources) resource.Dispose();
        Assert.That(sessions.Find(url.Split('/')[^1]), Is.Null, "the tool list is gone with the run");
    }

    [Test]
    public void Without_tools_there_is_no_MCP_server()
    {
        using var sandbox = Sandbox.Create(Root);

        var invocation = Provider(("OPENAI_API_KEY", "k")).BuildInvocation(Request(null, "hi"), sandbox);

        Assert.That(Settings(sandbox)["mcpServers"], Is.Null);
        Assert.That(invocation.ToolNames, Is.Empty);
        Assert.That(invocation.Resources, Is.Empty);
    }

    [TestCase("qwen-default", "env-model", "env-model")]
    [TestCase("qwen-default", null, "qwen3-coder-plus")]
    [TestCase("qwen-plus", "env-model", "qwen-plus")]
    public void The_prefix_alias_means_OPENAI_MODEL_or_QWEN_MODEL(string requested, string? openAiModel, string expected)
    {
        var provider = openAiModel is null ? Provider() : Provider(("OPENAI_MODEL", openAiModel));

        Assert.That(provider.CliModel(Request(null, "hi", requested)), Is.EqualTo(expected));
    }

    [Test]
    public void A_resumed_run_writes_the_earlier_turns_as_its_session_and_resumes_it_from_the_shared_working_folder()
    {
        using var sandbox = Sandbox.Create(Root);
        var request = Request(null, "Show me src/config.ts") with
        {
            Messages =
            [
                new(ConversationRole.User, "Show me src/config.ts"),
                new(ConversationRole.Assistant, "") { ToolCalls = [new HistoryToolCall("call_1", "read_file", """{"path":"src/config.ts"}""")] },
                new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
            ],
        };
        var provider = Provider(("OPENAI_API_KEY", "k"));

        var invocation = provider.BuildResumedInvocation(request, sandbox);

        Assert.That(provider.HasHistory(request), Is.True);
        Assert.That(invocation.Arguments, Does.Contain("--chat-recording").And.Not.Contain("--chat-recording=false"));
        var id = invocation.Arguments[invocation.Arguments.ToList().IndexOf("--resume") + 1];
        Assert.That(invocation.StandardInput, Is.EqualTo(ResumedConversation.ContinueNote), "tool results alone: the note is the prompt");
        Assert.That(invocation.WorkingDirectory, Is.EqualTo(Path.Combine(Root, "qwen-work")), "one folder for every run, beside the sandboxes");
        var session = Path.Combine(sandbox.HomeDirectory, ".qwen", "projects", QwenSession.ProjectFolder(invocation.WorkingDirectory!), "chats", id + ".jsonl");
        var records = File.ReadAllLines(session).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(records.Select(r => r["type"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant", "tool_result" }));
        Assert.That(records[1]["message"]!["parts"]![0]!["functionCall"]!["id"]!.GetValue<string>(), Is.EqualTo("call_1"));
        Assert.That(records.All(r => r["cwd"]!.GetValue<string>() == invocation.WorkingDirectory), Is.True);
        using var nextSandbox = Sandbox.Create(Root);
        Assert.That(provider.BuildResumedInvocation(request, nextSandbox).Arguments, Does.Contain(id), "the same conversation, the same session id");
    }

    [Test]
    public void A_run_with_new_images_works_in_its_sandbox_where_the_images_are()
    {
        using var sandbox = Sandbox.Create(Root);
        var request = Request(null, "What is this?") with { Images = [new PreparedImage(1, ImageFormat.Png, [1, 2, 3], 1, 1)] };

        var invocation = Provider(("OPENAI_API_KEY", "k")).BuildInvocation(request, sandbox);

        Assert.That(invocation.WorkingDirectory, Is.EqualTo(sandbox.WorkDirectory));
        Assert.That(Directory.EnumerateFiles(sandbox.WorkDirectory, "image-001.*").Count(), Is.EqualTo(1), "the file the prompt names as @image-001");
    }

    private static JsonNode Settings(Sandbox sandbox) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(sandbox.HomeDirectory, ".qwen", "settings.json")))!;

    private static QwenProvider Provider(params (string Key, string Value)[] settings) => Provider(new McpToolSessions(), settings);

    private static QwenProvider Provider(McpToolSessions sessions, params (string Key, string Value)[] settings) =>
        new(Options.Create(new QwenOptions()), Options.Create(new ExecutionOptions { UpstreamMaxRetries = 1 }),
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            sessions, LoopbackGateway.Address());

    private static CompletionRequest Request(string? system, string user, string model = "qwen-coder-plus") => new()
    {
        Model = model,
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
