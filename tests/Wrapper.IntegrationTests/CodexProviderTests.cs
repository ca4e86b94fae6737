using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>The gateway with the fake CLI passing for Codex (<c>exec --json</c>: completed messages only).</summary>
public sealed class CodexProviderTests : SharedGatewayFixture
{
    private const string Model = "gpt-5.1-codex";

    [Test, CancelAfter(60_000)]
    public async Task A_codex_stream_sends_the_completed_message_then_usage_with_cached_tokens(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply One two three four", "usage in=20 out=4 cache_read=5"), stream: true, includeUsage: true, model: Model), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var contents = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()).Where(c => c!.Length > 0).ToList();
        Assert.That(contents, Is.EqualTo(new[] { "One two three four" }));
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(25));
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(events[^1].IsDone, Is.True);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_codex_answer_runs_exec_with_the_prefix_removed_its_own_home_and_the_prompt_on_stdin(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply Hi there", $"record {gateway.RecordDirectory}", "retries 3"), model: "codex-gpt-5.1", system: "Be terse."), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "retry notices are only warnings");
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hi there"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("codex-gpt-5.1"));
        Assert.That(record.Argv[0], Is.EqualTo("exec"));
        Assert.That(record.Argv[record.Argv.ToList().IndexOf("-m") + 1], Is.EqualTo("gpt-5.1"));
        Assert.That(record.Argv[^1], Is.EqualTo("-"));
        Assert.That(record.Argv, Has.None.Contain("Hi there").And.None.Contain("sk-fake-gateway"));
        Assert.That(record.SystemPrompt, Is.EqualTo("Be terse."));
        Assert.That(record.Environment["CODEX_HOME"], Does.StartWith(gateway.SandboxRoot));
    }

    [TestCase("401", HttpStatusCode.Unauthorized, "cli_authentication_failed", "codex login")]
    [TestCase("nokey", HttpStatusCode.Unauthorized, "cli_authentication_failed", "OPENAI_API_KEY")]
    [TestCase("429", HttpStatusCode.TooManyRequests, "upstream_rate_limited", "429")]
    [TestCase("500", HttpStatusCode.BadGateway, "upstream_error", "high demand")]
    [CancelAfter(60_000)]
    public async Task Codex_failures_map_to_OpenAI_errors(string kind, HttpStatusCode status, string code, string messagePart, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"error {kind}", "retries 2"), model: Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(messagePart));
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_credentials_codex_is_never_started_and_the_answer_is_a_401(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "", ["HOME"] = NoHome() });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}"), model: Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("codex login"));
        Assert.That(Directory.Exists(gateway.RecordDirectory) && Directory.EnumerateFiles(gateway.RecordDirectory).Any(), Is.False);

        static string NoHome() => Path.Combine(Path.GetTempPath(), "wrapper-no-home-" + Guid.NewGuid().ToString("N"));
    }
}
