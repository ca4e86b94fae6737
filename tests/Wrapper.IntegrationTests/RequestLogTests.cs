using System.Net.Http.Headers;

namespace Wrapper.IntegrationTests;

/// <summary>One line per request, and no key in the gateway's logs at any level.</summary>
public sealed class RequestLogTests
{
    private const string GatewayKey = "gw-key-Zx9Qp2Lm7Rt4Vb8Nc1-long";
    private const string AnthropicKey = "sk-ant-api03-canary-abcdefghijklmnop";

    [TestCase("false")]
    [TestCase("true")]
    [CancelAfter(60_000)]
    public async Task Requests_are_logged_one_line_each_without_any_key(string verbose, CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using (var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
                     { ["API_KEY"] = GatewayKey, ["ANTHROPIC_API_KEY"] = AnthropicKey, ["DEBUG_MODE"] = verbose, ["VERBOSE"] = verbose }))
        {
            using (var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "sk-wrong-guess-123456789") } })
                (await gateway.Client.SendAsync(wrong, cancellationToken)).Dispose();
            gateway.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayKey);
            using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply Hi " + AnthropicKey)), cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var text = capture.Text;
        Assert.That(text, Does.Contain("POST /v1/chat/completions 200").And.Contain("model=claude-sonnet-4-5").And.Contain("provider=claude"));
        Assert.That(text, Does.Contain("GET /v1/models 401"));
        Assert.That(text, Does.Not.Contain(GatewayKey).And.Not.Contain(AnthropicKey).And.Not.Contain("sk-wrong-guess-123456789"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_request_log_says_whether_a_warm_process_served_the_request(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using (var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On()))
        {
            for (var turn = 0; turn < 2; turn++)
            {
                using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply ok")), cancellationToken);
                await response.Content.ReadAsStringAsync(cancellationToken);
                if (turn == 0) Assert.That(await gateway.Client.EventuallyReadyAsync(ChatRequests.Body("x"), 1), Is.True);
            }
        }

        // The gateway is stopped, so both request lines are written.
        var lines = capture.Text.Split('\n').Where(l => l.StartsWith("POST /v1/chat/completions 200", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0], Does.Contain("cli=cold"), "the first turn started its CLI");
        Assert.That(lines[1], Does.Contain("cli=pre-started"), "the second found a process started for it");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_line_break_in_a_path_cannot_forge_a_log_line(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using (var gateway = await FakeGateway.StartAsync())
        {
            using var response = await gateway.Client.GetAsync("v1/models%0D%0AGET%20/forged%20200%09%1B[31m", cancellationToken);
            Assert.That((int)response.StatusCode, Is.EqualTo(404));
        }

        var lines = capture.Text.Split('\n');
        Assert.That(lines.Where(l => l.StartsWith("GET /forged", StringComparison.Ordinal)), Is.Empty, "a forged line was written");
        Assert.That(capture.Text, Does.Contain(@"GET /v1/models\r\nGET /forged 200\t\u001b[31m 404"));
    }
}
