using System.Diagnostics;
using System.Net;
using System.Text;

namespace Wrapper.EndToEndTests;

/// <summary>What every CLI run as a one-shot process must do, with the real CLI against its fake model API.</summary>
[TestFixture("gemini")]
[TestFixture("qwen")]
[TestFixture("codex")]
public sealed class RealCliTests(string name)
{
    private readonly RealCli _cli = RealCli.Named(name);

    [TestCase(401, HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase(429, HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase(500, HttpStatusCode.BadGateway, "upstream_error")]
    [CancelAfter(180_000)]
    public async Task An_upstream_error_is_mapped_within_seconds_and_the_cli_is_gone(
        int upstreamStatus, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(new Dictionary<string, string?> { ["UPSTREAM_MAX_RETRIES"] = "0" });
        e2e.Upstream.FailStatus = upstreamStatus;
        var clock = Stopwatch.StartNew();

        using var response = await e2e.Client.PostAsync(ChatRequests.Body("Hello", model: _cli.Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        TestContext.Out.WriteLine($"{_cli}: upstream {upstreamStatus} → {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:F1} s after {e2e.Upstream.ModelCallCount} model calls");
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        if (status == HttpStatusCode.Unauthorized) Assert.That(error.GetProperty("message").GetString(), Does.Contain(_cli.UnauthorizedHint));
        Assert.That(clock.Elapsed, Is.LessThan(_cli.ErrorWithin));
        Assert.That(await Processes.EventuallyAsync(() => e2e.Gateway.LiveSandboxes().Count == 0), Is.True, "the CLI stopped and its sandbox removed");
    }

    [Test, CancelAfter(180_000)]
    public async Task Without_any_credentials_the_answer_is_a_401_that_says_how_to_log_in(CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(new Dictionary<string, string?> { [_cli.KeySetting] = "" });
        var clock = Stopwatch.StartNew();

        using var response = await e2e.Client.PostAsync(ChatRequests.Body("Hello", model: _cli.Model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(_cli.LoginHint).And.Contain(_cli.KeySetting));
        Assert.That(e2e.Upstream.ModelCallCount, Is.Zero);
        Assert.That(clock.Elapsed, Is.LessThan(_cli.NoCredentialsWithin));
    }

    [Test, CancelAfter(180_000)]
    public async Task Two_concurrent_requests_do_not_disturb_each_other(CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(null);
        e2e.Upstream.EchoAfter = "Repeat: ";
        e2e.Upstream.ChunkDelay = TimeSpan.FromMilliseconds(200);

        var answers = await Task.WhenAll(
            AnswerAsync(e2e.Client, "Repeat: alpha one two three", cancellationToken),
            AnswerAsync(e2e.Client, "Repeat: beta four five six", cancellationToken));

        Assert.That(answers, Is.EqualTo(new[] { "alpha one two three", "beta four five six" }));
        Assert.That(await Processes.EventuallyAsync(() => e2e.Gateway.LiveSandboxes().Count == 0), Is.True);
    }

    private async Task<string> AnswerAsync(HttpClient client, string prompt, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(ChatRequests.Body(prompt, stream: true, model: _cli.Model), cancellationToken);
        var text = new StringBuilder();
        foreach (var e in await ServerSentEvents.ReadAllAsync(response, cancellationToken))
            if (e.Json is { } json && json.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
                text.Append(content.GetString());
        return text.ToString();
    }
}
