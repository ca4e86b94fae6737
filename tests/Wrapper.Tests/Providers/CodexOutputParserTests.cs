using Wrapper.Server.Core;
using System.Net;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Codex;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>The parser against Codex 0.169.0's recorded <c>exec --json</c> output.</summary>
public sealed class CodexOutputParserTests
{
    [Test]
    public void The_completed_message_is_the_text_the_metadata_warning_is_not_and_usage_ends_the_turn()
    {
        var events = Parse("codex-json", exitCode: 0);

        Assert.That(events.OfType<TextDelta>().Select(d => d.Text), Is.EqualTo(new[] { "Hello from mock" }));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(InputTokens: 9733, OutputTokens: 3)));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Cached_and_reasoning_tokens_are_mapped()
    {
        var events = new CodexOutputParser().ParseLine("""{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":60,"output_tokens":9,"reasoning_output_tokens":4}}""").ToList();

        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(40, 9, CacheReadTokens: 60, ReasoningTokens: 4)));
    }

    [Test]
    public void Each_completed_message_is_sent_when_it_completes()
    {
        var parser = new CodexOutputParser();

        var first = parser.ParseLine("""{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"First."}}""").ToList();
        var second = parser.ParseLine("""{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"Second."}}""").ToList();

        Assert.That(first.OfType<TextDelta>().Single().Text, Is.EqualTo("First."));
        Assert.That(second.OfType<TextDelta>().Single().Text, Is.EqualTo("\n\nSecond."));
    }

    [TestCase("codex-err401-json", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("codex-errnokey-json", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("codex-err429-json", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase("codex-err500-json-noretry", HttpStatusCode.BadGateway, "upstream_error")]
    [TestCase("codex-errunreachable-json-bounded", HttpStatusCode.BadGateway, "upstream_error")]
    public void Turn_failed_is_the_one_failure_and_retry_notices_are_only_warnings(string fixture, HttpStatusCode status, string code)
    {
        var events = Parse(fixture, exitCode: 1);

        var failure = events.OfType<TurnFailed>().Single();
        Assert.That(events[^1], Is.SameAs(failure));
        Assert.That(failure.Error.Status, Is.EqualTo((int)status));
        Assert.That(failure.Error.Code, Is.EqualTo(code));
        Assert.That(events.OfType<TextDelta>(), Is.Empty);
    }

    [Test]
    public void An_exit_without_a_turn_event_is_a_502_quoting_stderr()
    {
        var failure = new CodexOutputParser().Finish(101, "thread 'main' panicked").OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(502));
        Assert.That(failure.Error.Message, Does.Contain("101").And.Contain("panicked"));
    }

    private static List<ProviderEvent> Parse(string fixture, int exitCode)
    {
        var parser = new CodexOutputParser();
        var events = Fixture.Lines($"codex/{fixture}.txt").SelectMany(parser.ParseLine).ToList();
        events.AddRange(parser.Finish(exitCode, "Reading additional input from stdin..."));
        return events;
    }
}
