using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The gateway with the fake CLI passing for the two CLIs that stream token deltas on their own
/// terms: Gemini CLI (argv with --skip-trust, its stream-json events) and Qwen Code (argv with
/// --chat-recording=false, Claude-shaped stream-json). One fixture per CLI, the same behaviour asked of both.
/// </summary>
[TestFixtureSource(nameof(Clis))]
public sealed class StreamingCliProviderTests(StreamingCliProviderTests.Cli cli) : SharedGatewayFixture
{
    /// <summary>What differs between the CLIs: ids, settings, argv and environment names, error wording.</summary>
    public sealed record Cli(
        string Name, string Model, string DefaultModelSetting, string DefaultModel, string Flag, string HomeVariable, string NoRelaunchVariable,
        string KeyHint, string LoginHint, string RateLimitHint)
    {
        public override string ToString() => Name;
    }

    public static readonly Cli[] Clis =
    [
        new("gemini", "gemini-2.5-flash", "GEMINI_MODEL", "gemini-3-pro", "--skip-trust", "GEMINI_CLI_HOME", "GEMINI_CLI_NO_RELAUNCH",
            "GEMINI_API_KEY", "`gemini`", "quota"),
        new("qwen", "qwen-coder-plus", "OPENAI_MODEL", "qwen-from-env", "--chat-recording=false", "QWEN_HOME", "QWEN_CODE_NO_RELAUNCH",
            "OPENAI_API_KEY", "`qwen`", "rate limit"),
    ];

    private string Model => cli.Model;

    [Test, CancelAfter(60_000)]
    public async Task A_stream_forwards_each_delta_then_usage_with_cached_tokens(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply One two three four", "usage in=20 out=4 cache_read=5"), stream: true, includeUsage: true, model: Model), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var contents = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()).ToList();
        Assert.That(contents.Where(c => c!.Length > 0), Is.EqualTo(new[] { "One ", "two ", "three ", "four" }));
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(25));
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.EqualTo(4));
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(events[^1].IsDone, Is.True);
    }

    [Test, CancelAfter(60_000)]
    public async Task An_answer_runs_with_the_model_its_own_home_and_the_prompt_on_stdin(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { [cli.DefaultModelSetting] = cli.DefaultModel });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply Hi there", $"record {gateway.RecordDirectory}"), model: cli.Name + "-default", system: "Be terse."), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hi there"));
        // Qwen Code names the model it called (message_start), Gemini CLI the one it runs (init): the alias resolved.
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(cli.DefaultModel));
        Assert.That(record.Argv, Does.Contain(cli.DefaultModel).And.Contain(cli.Flag));
        Assert.That(record.Argv, Has.None.Contain("Hi there"), "the prompt never goes through argv");
        // Gemini CLI's home is named relative to its working directory (the same text in every sandbox).
        Assert.That(Path.GetFullPath(record.Environment[cli.HomeVariable], record.Cwd), Does.StartWith(gateway.SandboxRoot), "a home of its own per request");
        Assert.That(record.Environment[cli.NoRelaunchVariable], Is.EqualTo("true"));
        Assert.That(record.SystemPrompt, Is.EqualTo("Be terse."));
    }

    [TestCase("401", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("nocreds", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("429", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase("500", HttpStatusCode.BadGateway, "upstream_error")]
    [CancelAfter(60_000)]
    public async Task Failures_map_to_OpenAI_errors(string kind, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        var messagePart = kind switch { "401" => cli.KeyHint, "nocreds" => cli.LoginHint, "429" => cli.RateLimitHint, _ => "500" };
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"error {kind}"), model: Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(messagePart));
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_error_in_a_stream_before_any_text_is_its_own_status_without_answer_text(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("error 500"), stream: true, model: Model), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), body);
        Assert.That(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("upstream_error"));
        Assert.That(body, Does.Not.Contain("chat.completion.chunk"), "no answer text, no chunk at all");
    }
}
