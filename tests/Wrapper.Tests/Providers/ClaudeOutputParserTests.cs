using Wrapper.Server.Core;
using System.Net;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Claude;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>The parser against Claude Code 2.1.197's recorded stream-json output.</summary>
public sealed class ClaudeOutputParserTests
{
    [Test]
    public void Partial_messages_give_one_text_delta_per_stream_event_then_usage_and_stop()
    {
        var events = Parse("claude/claude-stream-json-partial.txt", exitCode: 0);

        Assert.That(events.OfType<TextDelta>().Select(d => d.Text), Is.EqualTo(new[] { "Hello ", "from ", "mock" }));
        var usage = events.OfType<UsageReported>().Single().Usage;
        Assert.That(usage, Is.EqualTo(new TokenUsage(InputTokens: 19357, OutputTokens: 3)));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Without_partial_messages_the_assistant_message_is_the_text()
    {
        var events = Parse("claude/claude-stream-json.txt", exitCode: 0);

        Assert.That(events.OfType<TextDelta>().Select(d => d.Text), Is.EqualTo(new[] { "Hello from mock" }));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [TestCase("claude/claude-err401-stream-json.txt", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("claude/claude-errnocreds-stream-json.txt", HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("claude/claude-err429-stream-json.txt", HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase("claude/claude-err500-stream-json.txt", HttpStatusCode.BadGateway, "upstream_error")]
    [TestCase("claude/claude-errunreachable-stream-json.txt", HttpStatusCode.BadGateway, "upstream_error")]
    public void Recorded_error_results_become_one_failure(string fixture, HttpStatusCode status, string code)
    {
        var events = Parse(fixture, exitCode: 1);

        var failure = events.OfType<TurnFailed>().Single();
        Assert.That(events[^1], Is.SameAs(failure));
        Assert.That(failure.Error.Status, Is.EqualTo((int)status));
        Assert.That(failure.Error.Code, Is.EqualTo(code));
        Assert.That(events.OfType<TextDelta>(), Is.Empty, "an error message is not answer text");
    }

    [Test]
    public void An_exit_without_a_result_is_a_failure_quoting_stderr()
    {
        var parser = new ClaudeOutputParser();
        parser.ParseLine("{\"type\":\"system\",\"subtype\":\"init\"}").ToList();

        var failure = parser.Finish(134, "Segmentation fault\n").OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(502));
        Assert.That(failure.Error.Message, Does.Contain("134").And.Contain("Segmentation fault"));
    }

    [Test]
    public void A_recorded_tool_use_ends_the_turn_with_the_whole_call_and_the_messages_usage()
    {
        var events = Parse("claude/claude-tool-stream-json-partial.txt", exitCode: 0);

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ModelReported("claude-opus-4-8"),
            new ToolCallReady(0, "toolu_mock_431e4ea77abe4f68", "Bash", "{\"command\": \"echo tool-ok\", \"description\": \"Print tool-ok\"}"),
            new UsageReported(new TokenUsage(InputTokens: 1668, OutputTokens: 35)),
            new TurnCompleted(FinishReason.ToolCalls),
        }), "nothing after the tool use: the CLI ran the tool itself in that recording, the gateway never lets it");
    }

    [Test]
    public void The_model_that_serves_comes_from_message_start_without_the_display_suffix()
    {
        var parser = new ClaudeOutputParser();

        var events = parser.ParseLine("""{"type":"stream_event","event":{"type":"message_start","message":{"model":"claude-opus-5-5[1m]","usage":{"input_tokens":3,"output_tokens":1}}}}""").ToList();

        Assert.That(events, Is.EqualTo(new ProviderEvent[] { new ModelReported("claude-opus-5-5") }));
        Assert.That(parser.ParseLine("""{"type":"stream_event","event":{"type":"message_start","message":{"model":"<synthetic>"}}}"""), Is.Empty, "an error message names no model");
    }

    [Test]
    public void Stray_lines_and_unknown_events_are_ignored()
    {
        var parser = new ClaudeOutputParser();

        var events = new[] { "warning: something", "{not json", "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1}", "{\"type\":\"brand_new\"}" }
            .SelectMany(parser.ParseLine).ToList();

        Assert.That(events, Is.Empty);
    }

    [Test]
    public void Thinking_deltas_become_reasoning_and_cache_tokens_count_in_usage()
    {
        var parser = new ClaudeOutputParser();
        string[] lines =
        [
            """{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}}""",
            """{"type":"stream_event","event":{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Yes"}}}""",
            """{"type":"assistant","message":{"content":[{"type":"text","text":"Yes"}]}}""",
            """{"type":"stream_event","event":{"type":"message_delta","delta":{"stop_reason":"max_tokens"}}}""",
            """{"type":"result","subtype":"success","is_error":false,"result":"Yes","usage":{"input_tokens":5,"cache_read_input_tokens":100,"cache_creation_input_tokens":20,"output_tokens":2}}""",
        ];

        var events = lines.SelectMany(parser.ParseLine).ToList();

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ReasoningDelta("Hmm"),
            new TextDelta("Yes"),
            new UsageReported(new TokenUsage(5, 2, CacheReadTokens: 100, CacheCreationTokens: 20)),
            new TurnCompleted(FinishReason.Length),
        }));
        Assert.That(new TokenUsage(5, 2, 100, 20).PromptTokens, Is.EqualTo(125));
    }

    private static List<ProviderEvent> Parse(string fixture, int exitCode)
    {
        var parser = new ClaudeOutputParser();
        var events = Fixture.Lines(fixture).SelectMany(parser.ParseLine).ToList();
        events.AddRange(parser.Finish(exitCode, ""));
        return events;
    }
}
