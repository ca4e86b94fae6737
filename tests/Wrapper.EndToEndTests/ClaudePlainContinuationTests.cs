using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Wrapper.EndToEndTests.ClaudeLoop;

namespace Wrapper.EndToEndTests;

/// <summary>
/// A plain multi-turn chat (or an agent with XML tools, whose every turn ends with a plain answer) with
/// the real Claude Code and the warm pool on: the process that answered waits on its stdin; the
/// client's next request, the same conversation plus the answer as it got it plus a new user message,
/// goes to that same process as its next user message, so the model gets native history and the
/// upstream call begins with the previous one. Anything else is served without it.
/// </summary>
public sealed class ClaudePlainContinuationTests
{
    private const string System = "You are terse.";

    [Test, CancelAfter(300_000)]
    public async Task Turns_two_and_three_go_to_the_process_that_answered_turn_one_and_it_ends_at_the_idle_timeout(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?> { ["HELD_TURN_IDLE_TIMEOUT"] = "20" }));
        var png = TestImages.Png(2, 2);
        var body = Chat("Name a prime number.");
        claude.Upstream.ReplyText = "Seven.\n"; // a trailing newline: the client echoes it back, trimmed or not
        await PostAsync(claude, body, cancellationToken);
        var held = await HeldAsync(claude);

        claude.Upstream.ReplyText = "Two.";
        body = FollowUp(body, "Seven.", new JsonObject { ["role"] = "user", ["content"] = "And an even one?" });
        Assert.That((await DebugAsync(claude, body, cancellationToken)).GetProperty("history").GetString(), Is.EqualTo("continued"));
        var second = await PostAsync(claude, body, cancellationToken);
        Assert.That(ContentOf(second), Is.EqualTo("Two."));
        Assert.That(await HeldAsync(claude), Is.EqualTo(held), "the same process waits again");

        claude.Upstream.ReplyText = "A red square.";
        body = FollowUp(body, "Two.", new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "What is in this image?" },
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(png) } }),
        });
        var third = await PostAsync(claude, body, cancellationToken);
        Assert.That(ContentOf(third), Is.EqualTo("A red square."));
        Assert.That(await HeldAsync(claude), Is.EqualTo(held), "one process served all three turns");

        var calls = ModelCalls(claude);
        Assert.That(calls, Has.Count.EqualTo(3));
        var last = calls[2]["messages"]!.AsArray();
        Assert.That(last.Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant", "user", "assistant", "user" }), "native turns");
        Assert.That(TextOf(last[0]!), Does.EndWith("Name a prime number."));
        Assert.That(TextOf(last[2]!), Is.EqualTo("And an even one?"));
        var image = last[4]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "image")!["source"]!;
        Assert.That(Convert.FromBase64String(image["data"]!.GetValue<string>()), Is.EqualTo(png), "the new turn's image as an image block");
        Assert.That(calls[2].ToJsonString(), Does.Not.Contain("Below is the conversation so far"));
        UpstreamPrefix.AssertContinues(calls[0], calls[1]);
        UpstreamPrefix.AssertContinues(calls[1], calls[2]);
        Assert.That(await Processes.EventuallyAsync(() => CountOf(capture.Text, "history=continued") == 2), Is.True, "turns 2 and 3 continued");
        var bodies = claude.Upstream.Requests.Where(r => r.IsModelCall).ToList();
        Assert.That(third.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(bodies[2].Body.Length / 4), "this request's own usage");

        // The client never comes back: the process ends at HELD_TURN_IDLE_TIMEOUT, and nothing of it is left.
        Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.HeldProcesses().Count == 0, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(held)), Is.True, "the held process is gone");
        await AssertNothingLeftAsync(claude);
        Assert.That(claude.Upstream.ModelCallCount, Is.EqualTo(3), "the held process never went on by itself");
    }

    [Test, CancelAfter(300_000)]
    public async Task An_edited_history_is_reconstructed_and_the_held_process_is_ended(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(WarmPoolSettings.On());
        var body = Chat("Name a prime number.");
        await PostAsync(claude, body, cancellationToken);
        var held = await HeldAsync(claude);

        var edited = FollowUp(body, "Eleven.", new JsonObject { ["role"] = "user", ["content"] = "And an even one?" });
        var answer = await PostAsync(claude, edited, cancellationToken);

        Assert.That(ContentOf(answer), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(held)), Is.True, "the held process was ended");
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=reconstructed", StringComparison.Ordinal)), Is.True);
        Assert.That(capture.Text, Does.Not.Contain("history=continued"));
        Assert.That(TextOf(ModelCalls(claude)[^1]["messages"]!.AsArray()[1]!), Is.EqualTo("Eleven."), "the client's history, as it sent it");
    }

    [Test, CancelAfter(300_000)]
    public async Task Another_client_never_continues_a_held_process_and_its_own_client_still_does(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var claude = await ClaudeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?> { ["TRUSTED_PROXIES"] = "127.0.0.1" }));
        var body = Chat("Name a prime number.");
        await PostAsync(claude, body, cancellationToken, forwardedFor: "10.0.0.1");
        var held = await HeldAsync(claude);
        var next = FollowUp(body, claude.Upstream.ReplyText, new JsonObject { ["role"] = "user", ["content"] = "And an even one?" });

        var other = await PostAsync(claude, next, cancellationToken, forwardedFor: "10.0.0.2");
        Assert.That(ContentOf(other), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=reconstructed", StringComparison.Ordinal)), Is.True, "the other client's turn is its own");
        Assert.That(claude.Gateway.HeldProcesses(), Does.Contain(held), "the first client's process still waits for its own client");

        var own = await PostAsync(claude, next, cancellationToken, forwardedFor: "10.0.0.1");
        Assert.That(ContentOf(own), Is.EqualTo(claude.Upstream.ReplyText));
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=continued", StringComparison.Ordinal)), Is.True);
        Assert.That(claude.Gateway.HeldProcesses(), Does.Contain(held), "its own client continued it");
    }

    private static JsonObject Chat(string question) => new()
    {
        ["model"] = "claude-sonnet-4-5",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = System }, new JsonObject { ["role"] = "user", ["content"] = question }),
    };

    /// <summary>The next request: the conversation, the answer as the client echoes it back, and the new user message.</summary>
    private static JsonObject FollowUp(JsonObject body, string answer, JsonObject user)
    {
        var next = body.DeepClone().AsObject();
        next["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = answer });
        next["messages"]!.AsArray().Add(user);
        return next;
    }

    private static async Task<JsonElement> DebugAsync(UpstreamGateway<Fakes.FakeAnthropicServer> claude, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await claude.Client.PostAsJsonAsync("v1/debug/request", body, cancellationToken);
        return await response.JsonAsync();
    }
}
