using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway with the real Qwen Code (the release package.json pins) against a fake OpenAI Chat Completions API.</summary>
public sealed class QwenEndToEndTests
{
    private const string Model = "qwen-2.5-flash";

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_answer_arrives_as_deltas_with_usage_and_done(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.ReplyText = "Streamed through the real Qwen Code";
        qwen.Upstream.CachedTokens = 7;
        var clock = Stopwatch.StartNew();

        using var response = await qwen.Client.PostAsync(ChatRequests.Body("Say something", stream: true, includeUsage: true, model: Model, system: "Be brief."), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);
        TestContext.Out.WriteLine($"streamed answer in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var contents = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : "").Where(t => t is { Length: > 0 }).ToList();
        Assert.That(string.Concat(contents), Is.EqualTo("Streamed through the real Qwen Code"));
        Assert.That(contents, Has.Count.GreaterThan(1), "deltas, not one block");
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(100), "OpenAI's prompt_tokens already include the cached ones");
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.GreaterThan(0));
        Assert.That(events[^1].IsDone, Is.True);

        Assert.That(qwen.Upstream.ModelCallCount, Is.EqualTo(1), "no second auto-memory call");
        var call = qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions");
        using var body = JsonDocument.Parse(call.Body);
        Assert.That(body.RootElement.GetProperty("model").GetString(), Is.EqualTo(Model));
        var messages = body.RootElement.GetProperty("messages");
        Assert.That(messages[0].GetProperty("role").GetString(), Is.EqualTo("system"));
        Assert.That(messages[0].GetRawText(), Does.Contain("Be brief.").And.Not.Contain("Qwen Code, an interactive CLI agent"));
        Assert.That(messages.GetRawText(), Does.Contain("Say something"));
        var tools = body.RootElement.TryGetProperty("tools", out var t) ? t.GetRawText() : "[]";
        TestContext.Out.WriteLine($"request {call.Body.Length} bytes, tools: {tools}");
        Assert.That(body.RootElement.TryGetProperty("tools", out var offered) ? offered.GetArrayLength() : 0, Is.Zero,
            "the client sent no tools and none of the CLI's own (cron_create, enter_worktree, run_shell_command…) reach the model");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_non_streamed_answer_is_a_chat_completion_and_the_alias_uses_OPENAI_MODEL(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync(new Dictionary<string, string?> { ["OPENAI_MODEL"] = "qwen-chosen-model" });
        qwen.Upstream.ReplyText = "Non-streamed answer";

        using var response = await qwen.Client.PostAsync(ChatRequests.Body("Answer please", model: "qwen-default"), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Non-streamed answer"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("qwen-chosen-model"), "the answer names the model that served it");
        Assert.That(JsonDocument.Parse(qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions").Body).RootElement.GetProperty("model").GetString(), Is.EqualTo("qwen-chosen-model"));
    }

    // Qwen Code (0.15.10 and 0.24.4) would retry 429 and 5xx 7 times with back-off (about 80 s); the gateway ends
    // the run at the first failed attempt in its debug log, after the SDK's UPSTREAM_MAX_RETRIES.
    // The mapping of each status for every CLI: RealCliTests. Here what only Qwen's retry watch does.
    [TestCase(401, 0, HttpStatusCode.Unauthorized, "cli_authentication_failed", "Incorrect API key")]
    [TestCase(500, 1, HttpStatusCode.BadGateway, "upstream_error", "The server had an error")]
    [CancelAfter(180_000)]
    public async Task An_upstream_error_is_mapped_within_seconds(int upstreamStatus, int retries, HttpStatusCode status, string code, string upstreamMessage, CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync(new Dictionary<string, string?> { ["UPSTREAM_MAX_RETRIES"] = $"{retries}" });
        qwen.Upstream.FailStatus = upstreamStatus;
        var clock = Stopwatch.StartNew();

        using var response = await qwen.Client.PostAsync(ChatRequests.Body("Hello", model: Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        TestContext.Out.WriteLine($"upstream {upstreamStatus} → {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:F1} s after {qwen.Upstream.ModelCallCount} model calls");
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(upstreamMessage), "the upstream's own message is passed on");
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        if (status == HttpStatusCode.Unauthorized) Assert.That(error.GetProperty("message").GetString(), Does.Contain("OPENAI_API_KEY"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(qwen.Upstream.ModelCallCount, Is.EqualTo(upstreamStatus == 401 ? 1 : 1 + retries), "UPSTREAM_MAX_RETRIES bounds the calls");
        Assert.That(await Processes.EventuallyAsync(() => qwen.Gateway.LiveSandboxes().Count == 0), Is.True, "the CLI stopped and its sandbox removed");
    }
}
