using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway with the real Claude Code (the release package.json pins) against a fake Anthropic Messages API.</summary>
public sealed class ClaudeEndToEndTests
{
    [Test, CancelAfter(180_000)]
    public async Task A_streamed_answer_arrives_as_chunks_with_usage_and_done(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.ReplyText = "Streamed through the real CLI";
        claude.Upstream.CacheReadTokens = 7;

        using var response = await claude.Client.PostAsync(ChatRequests.Body("Say something", stream: true, includeUsage: true, system: "Be brief."), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.That(text, Is.EqualTo("Streamed through the real CLI"));
        Assert.That(chunks.Count(c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) && t.GetString()!.Length > 0),
            Is.GreaterThan(1), "token deltas");
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.GreaterThan(7));
        Assert.That(events[^1].IsDone, Is.True);

        var call = claude.Upstream.Requests.Single(r => r.IsModelCall);
        using var body = JsonDocument.Parse(call.Body);
        Assert.That(body.RootElement.GetProperty("model").GetString(), Is.EqualTo(ChatRequests.Model));
        Assert.That(body.RootElement.GetProperty("system").GetRawText(), Does.Contain("Be brief."));
        Assert.That(body.RootElement.GetProperty("messages").GetRawText(), Does.Contain("Say something"));
        Assert.That(body.RootElement.TryGetProperty("tools", out var tools) ? tools.GetArrayLength() : 0, Is.Zero, "the CLI's own tools are off");
    }

    [Test, CancelAfter(120_000)]
    public async Task An_alias_answers_with_the_model_Claude_Code_resolved_it_to(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();

        using var response = await claude.Client.PostAsync(ChatRequests.Body("Hi", model: "claude-opus"), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        using var streamed = await claude.Client.PostAsync(ChatRequests.Body("Hi", model: "claude-haiku", stream: true), cancellationToken);
        var chunks = (await ServerSentEvents.ReadAllAsync(streamed, cancellationToken)).Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();

        // The CLI got its alias and resolved it; the answer names what the upstream served.
        var upstreamModels = claude.Upstream.Requests.Where(r => r.IsModelCall).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()).ToList();
        Assert.That(upstreamModels, Has.Count.EqualTo(2).And.All.Not.EqualTo("claude-opus").And.All.StartWith("claude-"));
        Assert.That(json.RootElement.GetProperty("model").GetString(), Is.EqualTo(upstreamModels[0]));
        Assert.That(chunks.Select(c => c.GetProperty("model").GetString()), Is.All.EqualTo(upstreamModels[1]));
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(180_000)]
    public async Task A_non_streamed_answer_is_a_chat_completion(bool warmPool, CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?> { ["WARM_POOL_ENABLED"] = warmPool ? "true" : "false" });
        claude.Upstream.ReplyText = "Non-streamed answer";

        using var response = await claude.Client.PostAsync(ChatRequests.Body("Answer please"), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Non-streamed answer"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(json.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.GreaterThan(0));
        if (warmPool)
        {
            // The process waits for the next request in its sandbox, whose working folder holds nothing.
            Assert.That(await claude.Client.EventuallyReadyAsync(ChatRequests.Body("x"), 1), Is.True);
            var sandbox = claude.Gateway.WaitingSandboxes().Single();
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(sandbox, "work")), Is.Empty);
        }
        else
        {
            Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.LiveSandboxes().Count == 0), Is.True, "the sandbox goes right after the answer");
        }
    }

    [Test, CancelAfter(180_000)]
    public async Task A_conversation_reaches_the_model_with_every_turn(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","messages":[
              {"role":"user","content":"My name is Ada."},
              {"role":"assistant","content":"Nice to meet you, Ada."},
              {"role":"user","content":"What is my name?"}]}
            """)!;

        using var response = await claude.Client.PostAsync(body, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var messages = JsonDocument.Parse(claude.Upstream.Requests.Single(r => r.IsModelCall).Body).RootElement.GetProperty("messages").GetRawText();
        Assert.That(messages, Does.Contain("My name is Ada.").And.Contain("Nice to meet you, Ada.").And.Contain("What is my name?"));
    }

    [TestCase(401, HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase(429, HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase(500, HttpStatusCode.BadGateway, "upstream_error")]
    [CancelAfter(180_000)]
    public async Task An_upstream_error_is_mapped_within_seconds(int upstreamStatus, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.FailStatus = upstreamStatus;
        var clock = Stopwatch.StartNew();

        using var response = await claude.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        TestContext.Out.WriteLine($"upstream {upstreamStatus} → {(int)status} in {clock.Elapsed.TotalSeconds:F1} s after {claude.Upstream.ModelCallCount} model calls");
        Assert.That(claude.Upstream.ModelCallCount, Is.LessThanOrEqualTo(2), "bounded retries: UPSTREAM_MAX_RETRIES=1");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_upstream_401_before_the_first_token_of_a_stream_is_a_401_with_no_chunk(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.FailStatus = 401;

        using var response = await claude.Client.PostAsync(ChatRequests.Body("Hello", stream: true), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("cli_authentication_failed"));
        Assert.That(body, Does.Not.Contain("chat.completion.chunk"), "the CLI's error text is not passed off as an answer");
    }
}
