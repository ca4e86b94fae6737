using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The fake Anthropic server speaks well enough for the real Claude Code CLI: these run the pinned
/// binary (see <see cref="RealClis"/>) against it, offline, in a clean environment as the gateway would.
/// </summary>
public sealed class FakeAnthropicServerTests
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);
    private FakeAnthropicServer server = null!;

    [SetUp]
    public async Task StartServer() => server = await FakeAnthropicServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_answer_reaches_the_CLI_as_text_deltas_and_a_successful_result(CancellationToken cancellationToken)
    {
        server.ReplyText = "Hello from the fake side";

        var run = await RunClaudeAsync("Say hello");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var deltas = run.StreamEvents("content_block_delta")
            .Where(e => e.GetProperty("delta").GetProperty("type").ValueEquals("text_delta"))
            .Select(e => e.GetProperty("delta").GetProperty("text").GetString())
            .ToList();
        Assert.That(deltas, Has.Count.EqualTo(3));
        Assert.That(string.Concat(deltas), Is.EqualTo("Hello from the fake side"));
        Assert.That(run.Result.GetProperty("is_error").GetBoolean(), Is.False);
        Assert.That(run.Result.GetProperty("result").GetString(), Is.EqualTo("Hello from the fake side"));
        Assert.That(run.StreamEvents("message_start").Single().GetProperty("message").GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_recorded_model_call_carries_the_model_the_system_prompt_and_a_redacted_key(CancellationToken cancellationToken)
    {
        await RunClaudeAsync("Say hello");

        Assert.That(server.ModelCallCount, Is.EqualTo(1));
        var call = server.Requests.Single(r => r.IsModelCall);
        Assert.That(call.PathAndQuery, Is.EqualTo("/v1/messages?beta=true"));
        using var body = JsonDocument.Parse(call.Body);
        Assert.That(body.RootElement.GetProperty("model").GetString(), Is.EqualTo("claude-sonnet-4-5"));
        Assert.That(body.RootElement.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(body.RootElement.GetProperty("system").GetRawText(), Does.Contain("Be brief."));
        Assert.That(call.Body, Does.Not.Contain("sk-ant-fake"));
        Assert.That(call.Header("x-api-key"), Is.EqualTo("<redacted len=11>"));
    }

    [TestCase(401)]
    [TestCase(429)]
    [CancelAfter(180_000)]
    public async Task An_error_status_ends_the_run_within_seconds_with_is_error_and_the_status(int status, CancellationToken cancellationToken)
    {
        server.FailStatus = status;

        var run = await RunClaudeAsync("Say hello");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Result.GetProperty("is_error").GetBoolean(), Is.True);
        Assert.That(run.Result.GetProperty("api_error_status").GetInt32(), Is.EqualTo(status));
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "CLAUDE_CODE_MAX_RETRIES=0 turns the retries off");
        Assert.That(server.ModelCallCount, Is.EqualTo(1));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_tool_use_answer_reaches_the_CLI_as_a_tool_use_block_and_the_tool_result_turn_gets_text(CancellationToken cancellationToken)
    {
        server.ToolUse = ("get_weather", """{"city":"Paris","unit":"celsius"}""");

        var run = await RunClaudeAsync("What is the weather in Paris?");

        var toolStart = run.StreamEvents("content_block_start")
            .Select(e => e.GetProperty("content_block"))
            .Single(block => block.GetProperty("type").ValueEquals("tool_use"));
        Assert.That(toolStart.GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        var json = string.Concat(run.StreamEvents("content_block_delta")
            .Select(e => e.GetProperty("delta"))
            .Where(d => d.GetProperty("type").ValueEquals("input_json_delta"))
            .Select(d => d.GetProperty("partial_json").GetString()));
        Assert.That(json, Is.EqualTo("""{"city":"Paris","unit":"celsius"}"""));
        // With --tools "" the CLI knows no such tool, answers it with an error tool_result, and the fake then ends with text.
        Assert.That(server.ModelCallCount, Is.EqualTo(2));
        Assert.That(run.Result.GetProperty("result").GetString(), Is.EqualTo("Hello from fake Anthropic"));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_thinking_block_streams_before_the_text(CancellationToken cancellationToken)
    {
        server.ThinkingText = "Let me think about greetings";

        var run = await RunClaudeAsync("Say hello");

        var deltaTypes = run.StreamEvents("content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("type").GetString())
            .Distinct()
            .ToList();
        Assert.That(deltaTypes, Is.EqualTo(new[] { "thinking_delta", "signature_delta", "text_delta" }));
        Assert.That(run.Result.GetProperty("result").GetString(), Is.EqualTo("Hello from fake Anthropic"));
    }

    [Test, CancelAfter(180_000)]
    public async Task Usage_reports_the_cache_tokens_that_were_set(CancellationToken cancellationToken)
    {
        server.CacheReadTokens = 1234;
        server.CacheCreationTokens = 56;

        var run = await RunClaudeAsync("Say hello");

        var usage = run.Result.GetProperty("usage");
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(1234));
        Assert.That(usage.GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(56));
        Assert.That(usage.GetProperty("output_tokens").GetInt32(), Is.EqualTo(3), "one per delta");
    }

    [TestCase("--safe-mode")]
    [TestCase("--disable-slash-commands")]
    [TestCase("--bare")]
    [CancelAfter(180_000)]
    public async Task An_extra_isolation_flag_still_gets_the_answer(string flag, CancellationToken cancellationToken)
    {
        var run = await RunClaudeAsync("Say hello", flag);

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Result.GetProperty("result").GetString(), Is.EqualTo("Hello from fake Anthropic"));
        Assert.That(server.ModelCallCount, Is.EqualTo(1));
    }

    [Test, CancelAfter(180_000)]
    public async Task Plain_HTTP_clients_get_Anthropic_shaped_answers(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), cancellationToken);
        using var message = await http.PostAsync("/v1/messages", Json("""{"model":"m1","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""), cancellationToken);
        using var count = await http.PostAsync("/v1/messages/count_tokens", Json("""{"model":"m1","messages":[]}"""), cancellationToken);
        using var models = await http.GetAsync("/v1/models", cancellationToken);
        using var missing = await http.GetAsync("/v2/nothing", cancellationToken);
        server.FailStatus = 429;
        using var limited = await http.PostAsync("/v1/messages", Json("""{"model":"m1","stream":true}"""), cancellationToken);

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var messageJson = JsonDocument.Parse(await message.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(messageJson.RootElement.GetProperty("model").GetString(), Is.EqualTo("m1"));
        Assert.That(messageJson.RootElement.GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Hello from fake Anthropic"));
        Assert.That(await count.Content.ReadAsStringAsync(cancellationToken), Does.Match("""^\{"input_tokens":\d+\}$"""));
        Assert.That(await models.Content.ReadAsStringAsync(cancellationToken), Does.Contain("claude-sonnet-4-5"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(cancellationToken), Does.Contain("\"not_found_error\""));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(await limited.Content.ReadAsStringAsync(cancellationToken), Does.StartWith("""{"type":"error","error":{"type":"rate_limit_error","""));
        Assert.That(server.ModelCallCount, Is.EqualTo(2));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_first_byte_delay_holds_back_the_answer(CancellationToken cancellationToken)
    {
        server.FirstByteDelay = TimeSpan.FromMilliseconds(300);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/v1/messages", Json("""{"model":"m1","messages":[]}"""), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_delta_delay_makes_the_deltas_arrive_one_by_one(CancellationToken cancellationToken)
    {
        server.DeltaDelay = TimeSpan.FromMilliseconds(150);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Json("""{"model":"m1","stream":true}""") };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var arrivals = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: content_block_delta") arrivals.Add(clock.Elapsed);
        }

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(arrivals, Has.Count.EqualTo(3));
        Assert.That(arrivals[2] - arrivals[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test, CancelAfter(180_000)]
    public async Task Disposing_the_server_cuts_a_pending_answer_short(CancellationToken cancellationToken)
    {
        server.FirstByteDelay = TimeSpan.FromMinutes(1);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var pending = http.PostAsync("/v1/messages", Json("""{"model":"m1"}"""), cancellationToken);
        while (server.ModelCallCount == 0) await Task.Delay(10, cancellationToken);

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(async () => await pending, Throws.InstanceOf<HttpRequestException>(), "the connection drops; no empty 200");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Runs the real CLI as the gateway will: no shell, argument list, allow-listed environment, prompt on stdin.</summary>
    private async Task<CliRun> RunClaudeAsync(string prompt, params string[] extraArguments)
    {
        var home = Directory.CreateTempSubdirectory("fake-anthropic-home-");
        var tmp = Directory.CreateTempSubdirectory("fake-anthropic-tmp-");
        try
        {
            var start = new ProcessStartInfo(RealClis.ClaudePath)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // A directory of its own, so the CLI finds no CLAUDE.md or settings on its way up.
                WorkingDirectory = tmp.FullName,
            };
            foreach (var argument in (string[])["-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages",
                         "--model", "claude-sonnet-4-5", "--no-session-persistence", "--system-prompt", "Be brief.", "--tools", ""])
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var argument in extraArguments) start.ArgumentList.Add(argument);
            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
            start.Environment["HOME"] = home.FullName;
            start.Environment["TMPDIR"] = tmp.FullName;
            start.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();
            start.Environment["ANTHROPIC_API_KEY"] = "sk-ant-fake";
            start.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
            start.Environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
            start.Environment["DISABLE_AUTOUPDATER"] = "1";
            start.Environment["DISABLE_TELEMETRY"] = "1";
            start.Environment["DISABLE_ERROR_REPORTING"] = "1";

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // Closing stdin matters: Claude waits about 3 s for more input otherwise.
            await process.StandardInput.WriteAsync(prompt);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(CliTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"claude did not exit within {CliTimeout}; stderr: {await stderr}");
            }
            var elapsed = clock.Elapsed;
            var run = new CliRun(process.ExitCode, ParseLines(await stdout), await stderr, elapsed);
            TestContext.Out.WriteLine($"claude {string.Join(' ', extraArguments)} exited {run.ExitCode} after {elapsed.TotalSeconds:F2} s");
            return run;
        }
        finally
        {
            home.Delete(recursive: true);
            tmp.Delete(recursive: true);
        }
    }

    private static List<JsonElement> ParseLines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)];

    private sealed record CliRun(int ExitCode, IReadOnlyList<JsonElement> Lines, string Stderr, TimeSpan Elapsed)
    {
        public JsonElement Result => Lines.Last(line => line.GetProperty("type").ValueEquals("result"));

        /// <summary>The raw Anthropic events that --include-partial-messages wraps in stream_event lines.</summary>
        public IEnumerable<JsonElement> StreamEvents(string type) => Lines
            .Where(line => line.GetProperty("type").ValueEquals("stream_event"))
            .Select(line => line.GetProperty("event"))
            .Where(e => e.GetProperty("type").ValueEquals(type));
    }
}
