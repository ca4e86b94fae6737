using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Wrapper.EndToEndTests.ClaudeLoop;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Reconstruction with the real Claude Code: a turn that no held process continues (held turns off,
/// a restart, a plain chat) is written as a Claude Code session file and resumed, so the upstream
/// request carries the earlier turns natively (user/assistant turns, tool_use and tool_result under
/// the client's ids) and begins with the previous turn's request, byte for byte. Also the agent loop
/// with the shipped defaults (a gateway key, warm pool and held turns on).
/// </summary>
public sealed class ClaudeReconstructionTests
{
    [Test, CancelAfter(240_000)]
    public async Task A_tool_loop_with_no_held_process_is_resumed_with_native_blocks_and_the_previous_request_as_its_prefix(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync(new Dictionary<string, string?> { ["HELD_TURNS_MAX"] = "0" });

        var first = await PostAsync(claude, Conversation(), cancellationToken);
        var callId = first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString();
        await NativeToolCalls.AssertCliGoneAsync(claude.Gateway);
        var second = await PostAsync(claude, Conversation(first, FileBody), cancellationToken);

        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(second.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=reconstructed", StringComparison.Ordinal)), Is.True);
        var calls = ModelCalls(claude);
        Assert.That(calls, Has.Count.EqualTo(2));
        AssertNativeToolTurn(calls[1]["messages"]!.AsArray(), callId!);
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);
        await AssertNothingLeftAsync(claude);
    }

    [Test, CancelAfter(300_000)]
    public async Task Two_reconstructed_tool_turns_in_a_row_keep_the_prefix_with_the_resume_prompt_of_the_first(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync(new Dictionary<string, string?> { ["HELD_TURNS_MAX"] = "0" });
        claude.Upstream.ToolUseAfterResults = true;
        var conversation = Conversation();
        var first = await PostAsync(claude, conversation, cancellationToken);
        conversation = Append(conversation, first, FileBody);
        var second = await PostAsync(claude, conversation, cancellationToken);
        Assert.That(second.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        claude.Upstream.ToolUseAfterResults = false;
        conversation = Append(conversation, second, FileBody + " // again");
        var third = await PostAsync(claude, conversation, cancellationToken);

        Assert.That(ContentOf(third), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => CountOf(capture.Text, "history=reconstructed") == 2), Is.True, "turns 2 and 3 reconstructed");
        var calls = ModelCalls(claude);
        Assert.That(calls, Has.Count.EqualTo(3));
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);
        UpstreamPrefix.AssertContinues(calls[1], calls[2]);
        Assert.That(CountOf(calls[2].ToJsonString(), "Continue from where you left off."), Is.EqualTo(2), "each resumed turn's prompt, where the CLI sent it");
        await AssertNothingLeftAsync(claude);
    }

    [Test, CancelAfter(300_000)]
    public async Task A_plain_multi_turn_chat_is_resumed_as_real_turns_each_request_beginning_with_the_one_before(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync();
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Name a prime number."}]}
            """)!.AsObject();
        await PostAsync(claude, body, cancellationToken);
        foreach (var question in (string[])["And an even one?", "And the next one?"])
        {
            var messages = body["messages"]!.AsArray();
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = claude.Upstream.ReplyText });
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = question });
            var answer = await PostAsync(claude, body, cancellationToken);
            Assert.That(answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        }

        var calls = ModelCalls(claude);
        Assert.That(calls, Has.Count.EqualTo(3));
        var last = calls[2]["messages"]!.AsArray();
        Assert.That(last.Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant", "user", "assistant", "user" }), "real turns, not one transcript message");
        Assert.That(TextOf(last[0]!), Does.EndWith("Name a prime number."));
        Assert.That(TextOf(last[1]!), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(TextOf(last[4]!), Is.EqualTo("And the next one?"), "the new message alone: Claude Code added no reminder to it");
        Assert.That(calls[2].ToJsonString(), Does.Not.Contain("Below is the conversation so far"));
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);
        UpstreamPrefix.AssertContinues(calls[1], calls[2]);
        Assert.That(await Processes.EventuallyAsync(() => CountOf(capture.Text, "history=reconstructed") == 2), Is.True, "turns 2 and 3 reconstructed");
        await AssertNothingLeftAsync(claude);
    }

    [Test, CancelAfter(300_000)]
    public async Task A_continued_turn_followed_by_a_reconstructed_one_keeps_the_prefix(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await StartToolLoopAsync();
        var first = await PostAsync(claude, Conversation(), cancellationToken);
        await HeldAsync(claude);
        var conversation = Conversation(first, FileBody);
        var second = await PostAsync(claude, conversation, cancellationToken);
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=continued", StringComparison.Ordinal)), Is.True);

        var messages = conversation["messages"]!.AsArray();
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Now change the port to 9090." });
        var third = await PostAsync(claude, conversation, cancellationToken);

        Assert.That(third.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=reconstructed", StringComparison.Ordinal)), Is.True);
        var calls = ModelCalls(claude);
        Assert.That(calls, Has.Count.EqualTo(3));
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);
        UpstreamPrefix.AssertContinues(calls[1], calls[2]);
    }

    /// <summary>
    /// The shipped defaults: a gateway key, the warm pool and held turns on, default limits. Each turn
    /// after the first continues the process held at the previous turn's tool call.
    /// </summary>
    [Test, CancelAfter(300_000)]
    public async Task An_agent_loop_with_the_shipped_defaults_continues_every_turn_after_the_first(CancellationToken cancellationToken)
    {
        const string Key = "sk-e2e-admin-key-for-the-shipped-defaults";
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?>
        {
            ["API_KEY"] = Key, ["WARM_POOL_ENABLED"] = "true", ["RATE_LIMIT_ENABLED"] = "true", ["WEB_TOOLS"] = "chat",
            ["MAX_CONCURRENT_REQUESTS"] = "0", ["MAX_CONCURRENT_PER_IP"] = "0", ["KILL_GRACE_PERIOD"] = "2000",
        });
        claude.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        claude.Upstream.ToolUse = (ToolName, Arguments);
        claude.Upstream.ToolUseAfterResults = true;
        const int Turns = 5;
        var conversation = Conversation();
        JsonElement answer = default;
        for (var turn = 1; turn <= Turns; turn++)
        {
            if (turn == Turns) claude.Upstream.ToolUseAfterResults = false;
            answer = await PostAsync(claude, conversation, cancellationToken);
            if (turn == Turns) break;
            var calls = answer.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls");
            Assert.That(calls[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"), $"turn {turn}");
            Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.HeldProcesses().Count == 1), Is.True, $"turn {turn}'s process is held");
            conversation = Append(conversation, answer, $"{FileBody} // turn {turn}");
        }

        Assert.That(answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => CountOf(capture.Text, "history=continued") == Turns - 1), Is.True,
            $"turns 2..{Turns} continued; log: {string.Join('\n', capture.Text.Split('\n').Where(l => l.Contains("history=", StringComparison.Ordinal)))}");
        var last = ModelCalls(claude)[^1]["messages"]!.AsArray();
        Assert.That(last.Count(m => m!["role"]!.GetValue<string>() == "assistant"), Is.EqualTo(Turns - 1), "every earlier tool call is a native turn");
        Assert.That(last[^1]!.ToJsonString(), Does.Contain($"turn {Turns - 1}"), "the last result reached the model");
    }

    /// <summary>[user, assistant with the model's tool_use, user with its tool_result]: the client's ids, the tool's MCP name, the result's text.</summary>
    private static void AssertNativeToolTurn(JsonArray messages, string callId)
    {
        Assert.That(messages.Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant", "user" }));
        Assert.That(TextOf(messages[0]!), Does.EndWith("Show me src/config.ts"));
        var toolUse = messages[1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.That(toolUse["id"]!.GetValue<string>(), Is.EqualTo(callId), "the model sees its own tool_use under the client's id");
        Assert.That(toolUse["name"]!.GetValue<string>(), Is.EqualTo("mcp__w__read_file"));
        Assert.That(toolUse["input"]!.ToJsonString(), Is.EqualTo(Arguments));
        var result = messages[2]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_result")!;
        Assert.That(result["tool_use_id"]!.GetValue<string>(), Is.EqualTo(callId));
        Assert.That(result["content"]!.ToJsonString(), Does.Contain(FileBody));
        Assert.That(messages.ToJsonString(), Does.Not.Contain("called tool").And.Not.Contain("Tool call interrupted"));
    }
}
