using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>The conversation reaches the CLI faithfully: system prompt by file, turns on stdin, nothing in argv.</summary>
public sealed class ConversationTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_one_megabyte_prompt_arrives_whole_on_stdin(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On());
        var prompt = FakeCli.Directives($"record {gateway.RecordDirectory}", "reply got it") + "\n" + new string('x', 1024 * 1024) + "\nEND-MARKER";

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(prompt), cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(record.Stdin, Does.StartWith("{\"type\":\"user\""), "a warm Claude Code process reads stream-json messages");
        Assert.That(Encoding.UTF8.GetByteCount(record.PromptText), Is.EqualTo(Encoding.UTF8.GetByteCount(prompt)));
        Assert.That(SHA256.HashData(Encoding.UTF8.GetBytes(record.PromptText)), Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(prompt))));
        Assert.That(record.Argv.Any(a => a.Length > 1000), Is.False, "the prompt is never in argv");
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_the_warm_pool_the_prompt_is_the_whole_stdin_byte_for_byte(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["WARM_POOL_ENABLED"] = "false" });
        var prompt = FakeCli.Directives($"record {gateway.RecordDirectory}", "reply got it") + "\n" + new string('x', 1024 * 1024) + "\nEND-MARKER";

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(prompt), cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(record.StdinLength, Is.EqualTo(Encoding.UTF8.GetByteCount(prompt)));
        Assert.That(record.StdinSha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)))));
    }

    [Test, CancelAfter(60_000)]
    public async Task System_and_developer_messages_become_the_system_prompt_file_and_turns_keep_their_roles(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
                new JsonObject { ["role"] = "developer", ["content"] = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = "Answer in French." } } },
                new JsonObject { ["role"] = "user", ["content"] = "What is 2+2?" },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray
                {
                    new JsonObject { ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "calc", ["arguments"] = "{\"x\":\"2+2\"}" } },
                } },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "4" },
                new JsonObject { ["role"] = "user", ["content"] = FakeCli.Directives($"record {gateway.RecordDirectory}", "reply Quatre") },
            },
        };

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(record.SystemPrompt, Is.EqualTo("You are terse.\n\nAnswer in French."));
        Assert.That(string.Join(' ', record.Argv), Does.Not.Contain("You are terse"));
        Assert.That(record.PromptText, Does.Contain("role=\"user\">\nWhat is 2+2?\n"));
        Assert.That(record.PromptText, Does.Contain("role=\"assistant\">"));
        Assert.That(record.PromptText, Does.Contain("calc").And.Contain("{\"x\":\"2+2\"}"));
        Assert.That(record.PromptText, Does.Contain("role=\"tool\" tool_call_id=\"call_1\">\n4\n"));
        Assert.That(record.PromptText.IndexOf("What is 2+2?", StringComparison.Ordinal), Is.LessThan(record.PromptText.IndexOf("FAKE:reply", StringComparison.Ordinal)));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_CLI_runs_with_the_flags_for_plain_streamed_chat(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}"), model: "claude-opus-4-8"), cancellationToken);
        var argv = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).Argv;

        Assert.That(argv, Does.Contain("-p"));
        Assert.That(argv, Does.Contain("--verbose").And.Contain("--include-partial-messages").And.Contain("--no-session-persistence"));
        Assert.That(argv[argv.ToList().IndexOf("--output-format") + 1], Is.EqualTo("stream-json"));
        Assert.That(argv[argv.ToList().IndexOf("--model") + 1], Is.EqualTo("claude-opus-4-8"));
        Assert.That(argv[argv.ToList().IndexOf("--tools") + 1], Is.EqualTo(""), "built-in tools off");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_canary_secret_in_the_gateways_environment_never_reaches_the_CLI(CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable("WRAPPER_TEST_CANARY_SECRET", "canary-7f3a9c");
        try
        {
            await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
            {
                ["ANTHROPIC_API_KEY"] = "sk-ant-test-key",
                ["API_KEY"] = "gateway-secret-key",
                ["OPENAI_API_KEY"] = "sk-not-for-claude",
            });
            gateway.Client.DefaultRequestHeaders.Add("x-api-key", "gateway-secret-key"); // API_KEY now guards the gateway

            using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}")), cancellationToken);
            var environment = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).Environment;

            Assert.That(environment.Values, Has.None.Contain("canary-7f3a9c"));
            Assert.That(environment.Keys, Has.None.EqualTo("WRAPPER_TEST_CANARY_SECRET").And.None.EqualTo("API_KEY").And.None.EqualTo("OPENAI_API_KEY"));
            Assert.That(environment["ANTHROPIC_API_KEY"], Is.EqualTo("sk-ant-test-key"), "the CLI's own auth passes");
            Assert.That(environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"], Is.EqualTo("1"));
            Assert.That(environment["TMPDIR"], Does.StartWith(gateway.SandboxRoot));
            Assert.That(environment.Keys, Is.SubsetOf(AllowedNames()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("WRAPPER_TEST_CANARY_SECRET", null);
        }
    }

    private static IEnumerable<string> AllowedNames() =>
        Wrapper.Server.Processes.ChildEnvironment.BaseNames
            .Concat(Wrapper.Server.Providers.Claude.ClaudeProvider.AllowedEnvironment)
            .Concat([Wrapper.Server.Processes.TreeMarker.Name, "TMPDIR", "XDG_CACHE_HOME", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "DISABLE_AUTOUPDATER", "DISABLE_TELEMETRY",
                "DISABLE_ERROR_REPORTING", "CLAUDE_CODE_MAX_RETRIES", "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "MCP_TOOL_TIMEOUT", "CLAUDE_CODE_DISABLE_ATTACHMENTS"]);
}
