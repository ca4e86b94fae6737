using Wrapper.Server.Core;
using System.Net;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Gemini;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>The parser against Gemini CLI 0.61.0's recorded stream-json output and stderr.</summary>
public sealed class GeminiOutputParserTests
{
    [Test]
    public void Assistant_deltas_are_the_text_and_the_result_gives_usage_then_stop()
    {
        var events = Parse("gemini-stream-json", exitCode: 0);

        Assert.That(events.OfType<TextDelta>().Select(d => d.Text), Is.EqualTo(new[] { "Hello ", "from ", "mock" }));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(InputTokens: 10485, OutputTokens: 16)));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void The_model_the_cli_runs_is_named_before_the_text_and_never_its_router_auto()
    {
        var parser = new GeminiOutputParser();

        var chosen = parser.ParseLine(Fixture.Lines("gemini/gemini-tool-use-stream-json.txt")[0]).ToList();
        var routed = new GeminiOutputParser().ParseLine(Fixture.Lines("gemini/gemini-stream-json.txt")[0]).ToList();

        Assert.That(chosen, Is.EqualTo(new ProviderEvent[] { new ModelReported("gemini-2.5-flash") }));
        Assert.That(routed, Is.Empty, "'auto' is the router, not a model");
    }

    [Test]
    public void The_result_names_the_model_that_read_the_conversation_not_the_helper_that_routed_it()
    {
        // Recorded with the router on: flash-lite chose, 3.8-flash answered on the whole conversation.
        var events = Parse("gemini-stream-json", exitCode: 0);

        Assert.That(events.OfType<ModelReported>().Select(m => m.Model), Is.EqualTo(new[] { "gemini-3.8-flash" }));
        Assert.That(events.FindIndex(e => e is ModelReported), Is.LessThan(events.FindIndex(e => e is TurnCompleted)));
    }

    [Test]
    public void A_result_that_called_no_model_names_none()
    {
        var events = new GeminiOutputParser().ParseLine(
            """{"type":"result","status":"success","stats":{"input_tokens":0,"output_tokens":0,"models":{"gemini-2.5-flash":{"input_tokens":0,"output_tokens":0}}}}""").ToList();

        Assert.That(events.OfType<ModelReported>(), Is.Empty);
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Cached_tokens_are_split_from_the_uncached_input()
    {
        var parser = new GeminiOutputParser();
        var events = parser.ParseLine("""{"type":"result","status":"success","stats":{"input_tokens":100,"output_tokens":7,"cached":60,"input":40}}""").ToList();

        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(40, 7, CacheReadTokens: 60)));
    }

    [Test]
    public void A_function_call_after_text_is_a_tool_call_with_the_CLI_name_and_the_arguments_as_JSON()
    {
        var events = ParseLines("gemini-tool-use-stream-json");

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ModelReported("gemini-2.5-flash"),
            new TextDelta("Let me read it."),
            new ToolCallReady(0, "mcp_w_read_file__mcp_w_read_file_1795294347322_0", "mcp_w_read_file", """{"path":"src/config.ts"}"""),
        }), "nothing in the output ends the turn: the CLI's tools/call to the gateway does (CompletionRun)");
    }

    [Test]
    public void Parallel_function_calls_come_in_order_with_their_own_index_and_id()
    {
        var calls = ParseLines("gemini-tool-use-parallel-stream-json").OfType<ToolCallReady>().ToList();

        Assert.That(calls.Select(c => (c.Index, c.Name, c.Arguments)), Is.EqualTo(new[]
        {
            (0, "mcp_w_read_file", """{"path":"src/config.ts"}"""),
            (1, "mcp_w_mcp--fs--list_dir", """{"path":"src","depth":2}"""),
        }));
        Assert.That(calls.Select(c => c.Id).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void A_tool_result_ends_the_turn_at_the_calls_before_the_CLI_asks_the_model_again()
    {
        // Recorded with a built-in tool that the CLI ran itself; a call it refuses looks the same.
        var events = ParseLines("gemini-tool-result-stream-json");

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ToolCallReady(0, "list_directory__list_directory_1795278798682_0", "list_directory", """{"dir_path":"."}"""),
            new TurnCompleted(FinishReason.ToolCalls),
        }), "the answer after the tool result is never read");
    }

    [TestCase("gemini-err401-stream-json", 145, HttpStatusCode.Unauthorized, "cli_authentication_failed")]
    [TestCase("gemini-err429-stream-json", 173, HttpStatusCode.TooManyRequests, "upstream_rate_limited")]
    [TestCase("gemini-err500-stream-json-maxattempts1", 244, HttpStatusCode.BadGateway, "upstream_error")]
    [TestCase("gemini-errunreachable-stream-json", 1, HttpStatusCode.BadGateway, "upstream_error")]
    public void Recorded_error_results_become_one_failure(string fixture, int exitCode, HttpStatusCode status, string code)
    {
        var events = Parse(fixture, exitCode);

        var failure = events.OfType<TurnFailed>().Single();
        Assert.That(events[^1], Is.SameAs(failure));
        Assert.That(failure.Error.Status, Is.EqualTo((int)status));
        Assert.That(failure.Error.Code, Is.EqualTo(code));
        Assert.That(events.OfType<TextDelta>(), Is.Empty);
    }

    [Test]
    public void A_rate_limit_tells_the_client_when_to_come_back()
    {
        var failure = Parse("gemini-err429-stream-json", 173).OfType<TurnFailed>().Single();

        Assert.That(failure.Error.RetryAfterSeconds, Is.GreaterThan(0));
    }

    [TestCase("gemini-errnocreds-stream-json")]
    [TestCase("gemini-errnocreds-json")]
    [TestCase("gemini-errnokey-json")]
    public void Exit_41_without_a_result_is_a_401_that_says_how_to_log_in(string fixture)
    {
        var failure = Parse(fixture, exitCode: 41).OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(401));
        Assert.That(failure.Error.Message, Does.Contain("GEMINI_API_KEY").And.Contain("`gemini`"));
        Assert.That(failure.Error.Message, Does.Not.Contain("    at "), "no stack trace");
    }

    [TestCase(145, 401)]
    [TestCase(173, 429)]
    [TestCase(244, 502)]
    [TestCase(55, 502)]
    [TestCase(139, 502)]
    public void An_exit_without_a_result_is_mapped_from_the_exit_code(int exitCode, int status)
    {
        var failure = new GeminiOutputParser().Finish(exitCode, "Error when talking to Gemini API\n    at x (y.js:1:1)\n").OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(status));
        Assert.That(failure.Error.Message, Does.Not.Contain("y.js"));
    }

    [Test]
    public void A_context_overflow_is_a_400_clients_recognise()
    {
        var failure = new GeminiOutputParser()
            .ParseLine("""{"type":"result","status":"error","error":{"type":"unknown","message":"[API Error: {\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).\"}}]"}}""")
            .OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Status, Is.EqualTo(400));
        Assert.That(failure.Error.Code, Is.EqualTo("context_length_exceeded"));
    }

    private static List<ProviderEvent> ParseLines(string fixture)
    {
        var parser = new GeminiOutputParser();
        return [.. Fixture.Lines($"gemini/{fixture}.txt").SelectMany(parser.ParseLine)];
    }

    private static List<ProviderEvent> Parse(string fixture, int exitCode)
    {
        var parser = new GeminiOutputParser();
        var events = Fixture.Lines($"gemini/{fixture}.txt").SelectMany(parser.ParseLine).ToList();
        events.AddRange(parser.Finish(exitCode, string.Join('\n', Fixture.Lines($"gemini/{fixture}.stderr.txt"))));
        return events;
    }
}
