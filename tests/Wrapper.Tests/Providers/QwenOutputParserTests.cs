using Wrapper.Server.Core;
using System.Net;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Qwen;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>The parser against Qwen Code 0.15.10's recorded stream-json output.</summary>
public sealed class QwenOutputParserTests
{
    [Test]
    public void Partial_messages_give_one_text_delta_per_stream_event_then_usage_and_stop()
    {
        var events = Parse("qwen-stream-json-partial");

        Assert.That(events.OfType<TextDelta>().Select(d => d.Text), Is.EqualTo(new[] { "Hello ", "from ", "mock" }));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(InputTokens: 13432, OutputTokens: 3)));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Text_then_a_tool_call_end_the_turn_at_the_assistant_message_that_holds_the_call()
    {
        var events = ParseLines("qwen-tool-use-stream-json-partial");

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ModelReported("qwen-2.5-flash"),
            new TextDelta("Let me read it."),
            new ToolCallReady(0, "call_fake_0", "mcp__w__read_file", """{"path":"src/config.ts"}"""),
            new UsageReported(new TokenUsage(InputTokens: 100, OutputTokens: 9)),
            new TurnCompleted(FinishReason.ToolCalls),
        }));
    }

    [Test]
    public void Parallel_calls_come_in_order_from_the_one_assistant_message()
    {
        var calls = ParseLines("qwen-tool-use-parallel-stream-json-partial").OfType<ToolCallReady>().ToList();

        Assert.That(calls, Is.EqualTo(new[]
        {
            new ToolCallReady(0, "call_fake_0", "mcp__w__read_file", """{"path":"src/config.ts"}"""),
            new ToolCallReady(1, "call_fake_1", "mcp__w__mcp--fs--list_dir", """{"path":"src","depth":2}"""),
        }));
    }

    [Test]
    public void Nothing_after_the_calls_is_read_so_a_tool_the_CLI_ran_itself_never_shows()
    {
        // Recorded with a built-in tool: the CLI ran it and answered again, which the turn's end cuts off.
        var events = ParseLines("qwen-tool-stream-json-partial");

        Assert.That(events.OfType<ToolCallReady>().Select(c => c.Name), Is.EqualTo(new[] { "glob" }));
        Assert.That(events.OfType<TextDelta>(), Is.Empty);
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.ToolCalls)));
    }

    [Test]
    public void Without_partial_messages_the_assistant_message_is_the_text()
    {
        var events = Parse("qwen-stream-json");

        Assert.That(string.Concat(events.OfType<TextDelta>().Select(d => d.Text)), Is.EqualTo("Hello from mock"));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Cached_tokens_are_taken_out_of_the_input_which_includes_them()
    {
        var events = new QwenOutputParser().ParseLine("""{"type":"result","subtype":"success","is_error":false,"result":"ok","usage":{"input_tokens":100,"output_tokens":4,"cache_read_input_tokens":30}}""").ToList();

        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(70, 4, CacheReadTokens: 30)));
    }

    [TestCase("qwen-err401-stream-json", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("qwen-errnocreds-stream-json", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("qwen-err500-stream-json-maxretries0", HttpStatusCode.BadGateway, "upstream_error")]
    [TestCase("qwen-errunreachable-stream-json", HttpStatusCode.BadGateway, "upstream_error")]
    public void API_errors_reported_as_success_become_one_failure_and_never_answer_text(string fixture, HttpStatusCode status, string code)
    {
        var events = Parse(fixture);

        var failure = events.OfType<TurnFailed>().Single();
        Assert.That(events[^1], Is.SameAs(failure));
        Assert.That(failure.Error.Status, Is.EqualTo((int)status));
        Assert.That(failure.Error.Code, Is.EqualTo(code));
        Assert.That(events.OfType<TextDelta>(), Is.Empty, "[API Error: …] is not an answer");
    }

    [Test]
    public void A_streamed_API_error_text_is_held_back_and_becomes_a_429()
    {
        var parser = new QwenOutputParser();
        var events = new[] { "[API", " Error: 429 Rate limit", " reached for requests]" }
            .SelectMany(piece => parser.ParseLine(Delta(piece)))
            .Concat(parser.ParseLine("""{"type":"result","subtype":"success","is_error":false,"result":"[API Error: 429 Rate limit reached for requests]"}""")).ToList();

        Assert.That(events.OfType<TextDelta>(), Is.Empty);
        Assert.That(events.OfType<TurnFailed>().Single().Error.Status, Is.EqualTo(429));
        Assert.That(events.OfType<TurnFailed>().Single().Error.RetryAfterSeconds, Is.GreaterThan(0));
    }

    [Test]
    public void Text_that_only_begins_like_an_error_is_released_as_soon_as_it_differs()
    {
        var parser = new QwenOutputParser();

        var first = parser.ParseLine(Delta("[A")).ToList();
        var second = parser.ParseLine(Delta("B] is a list")).ToList();

        Assert.That(first, Is.Empty);
        Assert.That(second.OfType<TextDelta>().Single().Text, Is.EqualTo("[AB] is a list"));
    }

    [Test]
    public void An_exit_without_a_result_is_a_502_quoting_stderr()
    {
        var failure = new QwenOutputParser().Finish(53, "{\"error\":{\"message\":\"Reached max session turns\"}}").OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(502));
        Assert.That(failure.Error.Message, Does.Contain("53").And.Contain("max session turns"));
    }

    private static string Delta(string text) =>
        """{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""" + System.Text.Json.JsonSerializer.Serialize(text) + "}}}";

    private static List<ProviderEvent> ParseLines(string fixture)
    {
        var parser = new QwenOutputParser();
        return [.. Fixture.Lines($"qwen/{fixture}.txt").SelectMany(parser.ParseLine)];
    }

    private static List<ProviderEvent> Parse(string fixture)
    {
        var parser = new QwenOutputParser();
        var events = Fixture.Lines($"qwen/{fixture}.txt").SelectMany(parser.ParseLine).ToList();
        events.AddRange(parser.Finish(0, ""));
        return events;
    }
}
