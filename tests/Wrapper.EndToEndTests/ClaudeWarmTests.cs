using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// With the real Claude Code: a process kept ready between requests answers the
/// next one. By default it is pre-started and serves one request, so its upstream call carries
/// nothing but that request; with WARM_POOL_REUSE one process serves several, reset with /clear,
/// whose record Claude Code sends upstream with the next request (the documented cost).
/// </summary>
public sealed class ClaudeWarmTests
{
    private const string System = "You are a coding agent.";

    private static readonly Dictionary<string, string?> Warm = WarmPoolSettings.On();
    private static readonly Dictionary<string, string?> Reuse = WarmPoolSettings.On(new Dictionary<string, string?> { ["WARM_POOL_REUSE"] = "true" });

    [Test, CancelAfter(120_000)]
    public async Task By_default_the_next_request_is_served_by_a_pre_started_process_and_carries_no_reset_upstream(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(Warm);

        await AskAsync(claude, "Remember the code word alpha-canary-7731.", cancellationToken);
        Assert.That(await claude.Client.EventuallyReadyAsync(ChatRequests.Body("x", system: System), 1), Is.True, "a process waits for the next request");
        var (answer, _) = await AskAsync(claude, "Which code word did I give you?", cancellationToken);

        var calls = claude.Upstream.Requests.Where(r => r.IsModelCall).ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(calls[1].Body, Does.Not.Contain("alpha-canary-7731"));
        Assert.That(calls[1].Body, Does.Not.Contain("/clear").And.Not.Contain("command-name").And.Not.Contain("local-command"),
            "nothing of a reset reaches the model");
        Assert.That(answer, Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("cli=pre-started", StringComparison.Ordinal)), Is.True,
            "the second request's CLI was started before it");
    }

    [Test, CancelAfter(120_000)]
    public async Task A_reused_process_sends_nothing_of_the_previous_request_upstream_only_the_record_of_its_reset(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(Reuse);

        var (_, firstUsage) = await AskAsync(claude, "Remember the code word alpha-canary-7731.", cancellationToken);
        Assert.That(await claude.Client.EventuallyReadyAsync(ChatRequests.Body("x", system: System), 1), Is.True, "the process was reset and waits");
        var (answer, secondUsage) = await AskAsync(claude, "Which code word did I give you?", cancellationToken);

        var calls = claude.Upstream.Requests.Where(r => r.IsModelCall).ToList();
        Assert.That(calls, Has.Count.EqualTo(2), "the reset itself makes no model call");
        Assert.That(calls[0].Body, Does.Contain("alpha-canary-7731"));
        Assert.That(calls[1].Body, Does.Not.Contain("alpha-canary-7731"), "the second request's upstream call carries nothing of the first");
        Assert.That(calls[1].Body, Does.Contain("Which code word did I give you?"));
        Assert.That(calls[1].Body, Does.Contain("<command-name>/clear</command-name>"), "the cost WARM_POOL_REUSE documents (Claude Code 2.1.332)");
        Assert.That(answer, Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("cli=reused", StringComparison.Ordinal)), Is.True,
            "the same process, reset, served the second request (its log line follows the response)");
        // Usage is the request's own, not the process's running total (the fake counts body length / 4).
        Assert.That(firstUsage, Is.EqualTo(calls[0].Body.Length / 4));
        Assert.That(secondUsage, Is.EqualTo(calls[1].Body.Length / 4));
    }

    [Test, CancelAfter(120_000)]
    public async Task After_a_tool_call_the_next_agent_turn_finds_a_fresh_process_ready(CancellationToken cancellationToken)
    {
        // Without held turns (ClaudeContinuationTests: with them, the process waits at its tool call instead).
        await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?>(Reuse) { ["HELD_TURNS_MAX"] = "0" });
        claude.Upstream.ToolUse = ("mcp__w__read_file", """{"path":"a.txt"}""");
        using (var first = await claude.Client.PostAsync(Turn([new JsonObject { ["role"] = "user", ["content"] = "Read a.txt" }]), cancellationToken))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var next = Turn([
            new JsonObject { ["role"] = "user", ["content"] = "Read a.txt" },
            new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray { new JsonObject
                { ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "read_file", ["arguments"] = """{"path":"a.txt"}""" } } } },
            new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "file body 42" },
        ]);
        Assert.That(await claude.Client.EventuallyReadyAsync(next, 1), Is.True, "a process for the same tools waits for the next turn");
        claude.Upstream.ToolUse = null;
        using var response = await claude.Client.PostAsync(next, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(claude.Upstream.Requests.Where(r => r.IsModelCall).Last().Body, Does.Contain("file body 42"));
    }

    private static async Task<(string? Answer, int PromptTokens)> AskAsync(UpstreamGateway<Fakes.FakeAnthropicServer> claude, string text, CancellationToken cancellationToken)
    {
        using var response = await claude.Client.PostAsync(ChatRequests.Body(text, system: System), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        return (json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    private static JsonObject Turn(JsonNode[] messages) => new()
    {
        ["model"] = ChatRequests.Model,
        ["messages"] = new JsonArray([new JsonObject { ["role"] = "system", ["content"] = System }, .. messages]),
        ["tools"] = new JsonArray { JsonNode.Parse("""{"type":"function","function":{"name":"read_file","description":"Read a file.","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}""") },
    };
}
