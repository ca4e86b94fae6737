using Microsoft.Extensions.Configuration;
using Serilog.Core;
using Serilog.Events;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Tests.Diagnostics;

public sealed class SecretMaskingTests
{
    private const string GatewayKey = "gw-key-Zx9Qp2Lm7Rt4Vb8Nc1";
    private const string AnthropicKey = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";

    private sealed class Capture : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) =>
            Lines.Add(logEvent.RenderMessage() + " " + string.Join(" ", logEvent.Properties.Values) + " " + logEvent.Exception);
    }

    [TestCase("false", "false")]
    [TestCase("true", "false")]
    [TestCase("false", "true")]
    public void Keys_never_reach_a_sink_at_any_level(string debug, string verbose)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["API_KEY"] = GatewayKey, ["ANTHROPIC_API_KEY"] = AnthropicKey, ["DEBUG_MODE"] = debug, ["VERBOSE"] = verbose }).Build();
        var capture = new Capture();
        using var logger = WrapperLogging.Create(configuration, sinks => sinks.Sink(capture)).CreateLogger();

        logger.Information("Header {Header}", "Authorization: Bearer " + GatewayKey);
        logger.Debug("Env {@Env}", new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicKey, ["KEY"] = "sk-proj-1234567890abcdef" });
        logger.Information("Literal text with AIzaSyA1234567890abcdefghijklmnopq and x-goog-api-key: abcdef123456");
        logger.Warning(new InvalidOperationException("failed with x-api-key=" + GatewayKey), "Failed {List}", new[] { "bearer abc.def.ghi" });
        logger.Verbose("Prompt {Prompt}", "the user's words and " + AnthropicKey);

        var all = string.Join("\n", capture.Lines);
        Assert.That(capture.Lines, Is.Not.Empty);
        Assert.That(all, Does.Not.Contain(GatewayKey).And.Not.Contain(AnthropicKey).And.Not.Contain("sk-proj-1234567890abcdef")
            .And.Not.Contain("AIzaSyA1234567890").And.Not.Contain("abcdef123456").And.Not.Contain("abc.def.ghi"));
        Assert.That(all, Does.Contain("***"));
    }

    [Test]
    public void Ordinary_text_is_left_alone() =>
        Assert.That(new SecretMasker([]).Mask("POST /v1/chat/completions 200 in 12 ms model=claude-sonnet-4-5 task-list skip"),
            Is.EqualTo("POST /v1/chat/completions 200 in 12 ms model=claude-sonnet-4-5 task-list skip"));
}
