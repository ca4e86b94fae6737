using System.Text.Json.Nodes;
using static Wrapper.EndToEndTests.ClaudeLoop;

namespace Wrapper.EndToEndTests;

/// <summary>
/// An agent loop with the real Claude Code: the process whose turn ended at a tool call waits on
/// its MCP call; the client's next request, carrying the result, continues that same process, whose
/// next upstream call carries native tool_use / tool_result blocks and the previous call as its
/// exact prefix. Anything else is served fresh and the held process is ended.
/// </summary>
public sealed class ClaudeContinuationTests
{
    [Test, CancelAfter(180_000)]
    public async Task The_next_request_with_the_tool_result_continues_the_held_process_with_native_blocks_upstream(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync();

        var first = await PostAsync(claude, Conversation(), cancellationToken);
        var call = first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        var held = await HeldAsync(claude);
        Assert.That(Processes.IsAlive(held), Is.True, "the process waits at its tool call");

        var second = await PostAsync(claude, Conversation(first, FileBody), cancellationToken);

        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(second.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(CountOf(capture.Text, "Started claude"), Is.EqualTo(1), "one process served both turns");
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=continued", StringComparison.Ordinal)), Is.True);

        var calls = claude.Upstream.Requests.Where(r => r.IsModelCall).Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        var messages = calls[1]["messages"]!.AsArray();
        var toolUse = messages[^2]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.That(messages[^2]!["role"]!.GetValue<string>(), Is.EqualTo("assistant"));
        Assert.That(toolUse["id"]!.GetValue<string>(), Is.EqualTo(call.GetProperty("id").GetString()), "the model sees its own tool_use");
        Assert.That(toolUse["name"]!.GetValue<string>(), Is.EqualTo("mcp__w__read_file"));
        var toolResult = messages[^1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_result")!;
        Assert.That(toolResult["tool_use_id"]!.GetValue<string>(), Is.EqualTo(call.GetProperty("id").GetString()));
        Assert.That(toolResult["content"]!.ToJsonString(), Does.Contain(FileBody), "the client's result as a native tool_result");
        Assert.That(calls[1].ToJsonString(), Does.Not.Contain("called tool"), "no transcript");
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);

        // Usage is this request's own: the second call's input (the fake counts body length / 4), not the loop's total.
        Assert.That(second.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(claude.Upstream.Requests.Where(r => r.IsModelCall).ElementAt(1).Body.Length / 4));
        await NativeToolCalls.AssertCliGoneAsync(claude.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Two_parallel_calls_are_answered_each_with_its_own_result(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync();
        claude.Upstream.SecondToolUse = ("mcp__w__read_file", """{"path":"src/main.ts"}""");
        var first = await PostAsync(claude, Conversation(), cancellationToken);
        await HeldAsync(claude);
        var next = Conversation(first, FileBody);
        var calls = first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls");
        Assert.That(calls.GetArrayLength(), Is.EqualTo(2));
        var messages = next["messages"]!.AsArray();
        messages[messages.Count - 1]!["content"] = "import './config';";

        var second = await PostAsync(claude, next, cancellationToken);

        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(CountOf(capture.Text, "Started claude"), Is.EqualTo(1), "one process served both turns");
        var last = JsonNode.Parse(claude.Upstream.Requests.Where(r => r.IsModelCall).Last().Body)!["messages"]!.AsArray()[^1]!["content"]!.AsArray();
        var results = last.Where(b => b!["type"]!.GetValue<string>() == "tool_result").ToDictionary(b => b!["tool_use_id"]!.GetValue<string>(), b => b!["content"]!.ToJsonString());
        Assert.That(results[calls[0].GetProperty("id").GetString()!], Does.Contain(FileBody).And.Not.Contain("import"));
        Assert.That(results[calls[1].GetProperty("id").GetString()!], Does.Contain("./config").And.Not.Contain(FileBody));
        TestContext.Out.WriteLine(capture.Text.Split('\n').First(l => l.Contains("held at", StringComparison.Ordinal)));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_continued_turn_reports_its_own_usage_with_the_cache_reads_and_writes_of_its_upstream_call(CancellationToken cancellationToken)
    {
        await using var claude = await StartToolLoopAsync();
        claude.Upstream.PromptCache = new Fakes.FakePromptCache();
        var first = await PostAsync(claude, Conversation(), cancellationToken);
        await HeldAsync(claude);

        var second = await PostAsync(claude, Conversation(first, FileBody), cancellationToken);

        var charged = claude.Upstream.PromptCache.Usages;
        Assert.That(charged, Has.Count.EqualTo(2));
        var usage = second.GetProperty("usage");
        Assert.That(charged[1].CacheReadTokens, Is.GreaterThan(charged[1].InputTokens + charged[1].CacheCreationTokens),
            "the continued call's prefix is the first call: most of it is read from the cache");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(charged[1].Total), "this request's own input, not the loop's");
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(charged[1].CacheReadTokens));
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(charged[1].CacheReadTokens));
        Assert.That(usage.GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(charged[1].CacheCreationTokens));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_edited_history_is_served_fresh_and_the_held_process_is_ended(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync();
        var first = await PostAsync(claude, Conversation(), cancellationToken);
        var held = await HeldAsync(claude);

        var edited = Conversation(first, FileBody);
        edited["messages"]![2]!["content"] = "I will read it.";
        claude.Upstream.ToolUse = null; // a fresh turn would otherwise be answered with the tool call again
        var second = await PostAsync(claude, edited, cancellationToken);

        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(held)), Is.True, "the held process was ended");
        Assert.That(CountOf(capture.Text, "Started claude"), Is.EqualTo(2), "the edited request got a process of its own");
        Assert.That(capture.Text, Does.Contain("history=fresh").And.Not.Contain("history=continued"));
        Assert.That(claude.Upstream.Requests.Where(r => r.IsModelCall).Last().Body, Does.Contain("I will read it."));
        await NativeToolCalls.AssertCliGoneAsync(claude.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Another_client_never_continues_a_held_process(CancellationToken cancellationToken)
    {
        await using var claude = await StartToolLoopAsync(new Dictionary<string, string?> { ["TRUSTED_PROXIES"] = "127.0.0.1" });
        var first = await PostAsync(claude, Conversation(), cancellationToken, forwardedFor: "10.0.0.1");
        var held = await HeldAsync(claude);

        claude.Upstream.ToolUse = null; // a fresh turn would otherwise be answered with the tool call again
        var second = await PostAsync(claude, Conversation(first, FileBody), cancellationToken, forwardedFor: "10.0.0.2");

        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(claude.Gateway.HeldProcesses(), Is.EqualTo(new[] { held }), "the first client's process still waits for its own client");
        var last = claude.Upstream.Requests.Where(r => r.IsModelCall).Last().Body;
        Assert.That(last, Does.Contain("\"tool_use_id\":\"" + first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString())
            .And.Not.Contain("called tool"), "served by a new process from the request's own history, resumed natively (ClaudeReconstructionTests)");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_client_that_never_comes_back_leaves_nothing_after_the_idle_timeout(CancellationToken cancellationToken)
    {
        await using var claude = await StartToolLoopAsync(new Dictionary<string, string?> { ["HELD_TURN_IDLE_TIMEOUT"] = "2" });
        await PostAsync(claude, Conversation(), cancellationToken);
        var held = await HeldAsync(claude);
        Assert.That(claude.Gateway.LiveSandboxes(), Has.Count.EqualTo(1), "the held process keeps its sandbox while it waits");

        Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.HeldProcesses().Count == 0, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(held)), Is.True, "the held process is gone");
        await NativeToolCalls.AssertCliGoneAsync(claude.Gateway);
        Assert.That(claude.Upstream.ModelCallCount, Is.EqualTo(1), "the ended process never went on by itself");
    }
}
