using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Net;
using OpenAI;
using OpenAI.Chat;

namespace Wrapper.IntegrationTests;

/// <summary>
/// A stream's 200 waits for the CLI's first event or the first keepalive: a failure before the first
/// token is a real HTTP status with OpenAI's error body, so SDKs raise the right error and retry a 429.
/// </summary>
public sealed class EarlyStreamErrorTests : SharedGatewayFixture
{
    [TestCase("401", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("429", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase("500", HttpStatusCode.BadGateway, "upstream_error")]
    [CancelAfter(60_000)]
    public async Task A_stream_that_fails_before_its_first_token_gets_the_errors_own_status_and_JSON(string kind, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["SSE_KEEPALIVE_INTERVAL"] = "10" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"error {kind}"), stream: true, includeUsage: true), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var error = json.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(error.TryGetProperty("param", out _), Is.True);
        if (status == HttpStatusCode.TooManyRequests)
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(error.GetProperty("retry_after").GetInt32(), Is.EqualTo(30), "the body says what the header says");
        }
        else Assert.That(error.TryGetProperty("retry_after", out _), Is.False, "retry_after only where a retry is advised");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_CLI_silent_until_INACTIVITY_TIMEOUT_before_the_first_keepalive_gets_a_504(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["INACTIVITY_TIMEOUT"] = "1000", ["SSE_KEEPALIVE_INTERVAL"] = "30" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("hang"), stream: true), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("message").GetString(), Does.Contain("INACTIVITY_TIMEOUT"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_recorded_Claude_Code_401_on_a_stream_is_a_401(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("replay claude-err401-stream-json"), stream: true), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("authentication_error"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_silent_CLI_gets_its_200_when_the_first_keepalive_is_due_not_before(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["SSE_KEEPALIVE_INTERVAL"] = "1.5" });
        var clock = Stopwatch.StartNew();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("hang", $"record {gateway.RecordDirectory}"), stream: true), cancellationToken);
        var waited = clock.Elapsed;
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var first = await ServerSentEvents.ReadAsync(body).FirstAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.4)), "held back until the keepalive was due");
        Assert.That(first.IsComment || first.Json is not null, Is.True, "the stream began with a keepalive or the role chunk");
        Assert.That(Processes.IsAlive(record.Pid), Is.True, "the CLI is still working");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_failure_after_the_first_token_stays_an_error_event_under_the_200(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply one two three four five six", "crash"), stream: true), cancellationToken);
        var events = (await ServerSentEvents.ReadAllAsync(response, cancellationToken)).Where(e => !e.IsComment).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events.Any(e => e.Json?.GetProperty("choices") is { ValueKind: System.Text.Json.JsonValueKind.Array } c && c.GetArrayLength() > 0
            && c[0].GetProperty("delta").TryGetProperty("content", out var text) && text.GetString()!.Contains("one", StringComparison.Ordinal)), Is.True, "the first words arrived");
        Assert.That(events[^1].Json?.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("cli_failed"), "then one error event ends it, no [DONE]");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_progress_stream_shows_the_hourglass_at_once_so_an_early_failure_is_an_error_event(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 500", "error 429"), stream: true, model: ChatRequests.Model + "-progress"), cancellationToken);
        var events = (await ServerSentEvents.ReadAllAsync(response, cancellationToken)).Where(e => !e.IsComment).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a -progress model asked for feedback at once");
        Assert.That(events[0].Json?.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString(), Is.EqualTo("⏳"));
        var error = events[^1].Json!.Value.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("upstream_rate_limited"));
        Assert.That(error.GetProperty("retry_after").GetInt32(), Is.EqualTo(30), "the event still says when to retry");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_OpenAI_dotnet_SDK_raises_a_429_for_a_stream_and_retries_it(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var retries = new QuickRetries(maxRetries: 1);
        var client = new ChatClient(ChatRequests.Model, new ApiKeyCredential("unused"),
            new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = retries });

        var exception = Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in client.CompleteChatStreamingAsync([new UserChatMessage(FakeCli.Directives("error 429", $"record {gateway.RecordDirectory}"))], cancellationToken: cancellationToken)) { }
        });

        Assert.That(exception!.Status, Is.EqualTo(429));
        Assert.That(exception.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true ? retryAfter : null, Is.EqualTo("30"));
        Assert.That(retries.Retried, Is.EqualTo(1), "the SDK's own policy took the 429 as retryable");
        Assert.That(Directory.GetFiles(gateway.RecordDirectory, "*.json"), Has.Length.EqualTo(2), "the retry reached the CLI again");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_npm_openai_package_sees_the_status_of_an_early_stream_failure(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        var result = await NodeOpenAiClient.ChatAsync(gateway, stream: true, ChatRequests.Model, FakeCli.Directives("error 401"));

        Assert.That(result.GetProperty("error").GetProperty("status").GetInt32(), Is.EqualTo(401));
    }

    /// <summary>The SDK's own retry decision (status-based), without its Retry-After wait of 30 s.</summary>
    private sealed class QuickRetries(int maxRetries) : ClientRetryPolicy(maxRetries)
    {
        public int Retried { get; private set; }

        protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
        {
            Retried++;
            return TimeSpan.FromMilliseconds(10);
        }
    }
}
