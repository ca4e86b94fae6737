using System.Net.Http.Headers;
using Serilog.Core;
using Serilog.Events;
using Wrapper.Server.Diagnostics;

namespace Wrapper.IntegrationTests;

/// <summary>Issue 7: one line per request, and no key in the gateway's logs at any level.</summary>
public sealed class RequestLogTests
{
    private const string GatewayKey = "gw-key-Zx9Qp2Lm7Rt4Vb8Nc1-long";
    private const string AnthropicKey = "sk-ant-api03-canary-abcdefghijklmnop";

    private sealed class Capture : ILogEventSink
    {
        private readonly List<string> _lines = [];

        public void Emit(LogEvent logEvent)
        {
            lock (_lines) _lines.Add(logEvent.RenderMessage().Replace("\"", "", StringComparison.Ordinal) + " " + logEvent.Exception); // as the console writes it ({Message:lj})
        }

        public string Text { get { lock (_lines) return string.Join("\n", _lines); } }
    }

    [TestCase("false")]
    [TestCase("true")]
    public async Task Requests_are_logged_one_line_each_without_any_key(string verbose)
    {
        var capture = new Capture();
        lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Add(capture);
        try
        {
            await using (var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
                         { ["API_KEY"] = GatewayKey, ["ANTHROPIC_API_KEY"] = AnthropicKey, ["DEBUG_MODE"] = verbose, ["VERBOSE"] = verbose }))
            {
                using (var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "sk-wrong-guess-123456789") } })
                    (await gateway.Client.SendAsync(wrong)).Dispose();
                gateway.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayKey);
                using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply Hi " + AnthropicKey)));
                await response.Content.ReadAsStringAsync();
            }

            var text = capture.Text;
            Assert.That(text, Does.Contain("POST /v1/chat/completions 200").And.Contain("model=claude-sonnet-4-5").And.Contain("provider=claude"));
            Assert.That(text, Does.Contain("GET /v1/models 401"));
            Assert.That(text, Does.Not.Contain(GatewayKey).And.Not.Contain(AnthropicKey).And.Not.Contain("sk-wrong-guess-123456789"));
        }
        finally
        {
            lock (WrapperLogging.TestSinks) WrapperLogging.TestSinks.Remove(capture);
        }
    }
}
