using Wrapper.Server.Core;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Codex;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// Tool calls from the real Codex 0.169.0, recorded with the gateway's settings (MCP server in
/// config.toml, RUST_LOG=<see cref="CodexTools.LogFilter"/>) against a fake Responses API. stdout
/// and stderr are two pipes, so the tests read them in both orders.
/// </summary>
public sealed class CodexToolCallParserTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void A_function_call_ends_the_turn_at_response_completed_with_the_models_call_id_and_arguments(bool stdoutFirst)
    {
        var events = Parse("codex-tool-call-json", stdoutFirst);

        Assert.That(events.OfType<ToolCallReady>().Single(), Is.EqualTo(new ToolCallReady(0, "call_Q2x8RkV1", "mcp__w__read_file", """{"path":"src/config.ts"}""")));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(InputTokens: 100, OutputTokens: 7)));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.ToolCalls)));
        Assert.That(events.OfType<TextDelta>(), Is.Empty);
        Assert.That(events.OfType<ModelReported>().Single().Model, Is.EqualTo("gpt-5.1-codex"), "response.completed names the model that answered");
        Assert.That(events.FindIndex(e => e is ModelReported), Is.LessThan(events.FindIndex(e => e is ToolCallReady)), "named before the first piece of the answer");
    }

    [Test]
    public void A_text_answer_with_tools_offered_names_the_model_from_the_log_when_the_log_came_first()
    {
        var events = Parse("codex-tools-offered-text-json", stdoutFirst: false);

        Assert.That(events.OfType<ModelReported>().Select(m => m.Model), Is.EqualTo(new[] { "gpt-5.1-codex" }));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Parallel_calls_all_come_in_the_models_order_after_the_text_once(bool stdoutFirst)
    {
        // Codex starts only the first call (its item.started is on stdout); the second is only in the log.
        var events = Parse("codex-tool-calls-parallel-json", stdoutFirst);

        Assert.That(events.OfType<TextDelta>().Select(t => t.Text), Is.EqualTo(new[] { "Let me look at both." }));
        var calls = events.OfType<ToolCallReady>().ToList();
        Assert.That(calls.Select(c => (c.Index, c.Id, c.Name)), Is.EqualTo(new[] { (0, "call_Q2x8RkV1", "mcp__w__read_file"), (1, "call_Lm4Tz0Wq", "mcp__w__list_dir") }));
        Assert.That(calls[1].Arguments, Is.EqualTo("""{"dir":"src","depth":2}"""));
        Assert.That(events.FindIndex(e => e is TextDelta), Is.LessThan(events.FindIndex(e => e is ToolCallReady)));
        Assert.That(events.OfType<TurnCompleted>().Single().Reason, Is.EqualTo(FinishReason.ToolCalls));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_text_answer_with_tools_offered_ends_on_stdout_as_before(bool stdoutFirst)
    {
        var events = Parse("codex-tools-offered-text-json", stdoutFirst, exitCode: 0);

        Assert.That(events.OfType<TextDelta>().Select(t => t.Text), Is.EqualTo(new[] { "No tool is needed for that." }));
        Assert.That(events.OfType<ToolCallReady>(), Is.Empty);
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }

    [Test]
    public void Over_the_websocket_transport_the_turn_ends_when_the_first_call_starts_after_its_text()
    {
        var parser = new CodexOutputParser(answerIsLogged: false);

        var events = Fixture.Lines("codex/codex-tool-calls-parallel-json.txt").SelectMany(parser.ParseLine).ToList();

        Assert.That(events.OfType<TextDelta>().Select(t => t.Text), Is.EqualTo(new[] { "Let me look at both." }));
        var call = events.OfType<ToolCallReady>().Single();
        Assert.That((call.Name, call.Arguments), Is.EqualTo(("mcp__w__read_file", """{"path":"src/config.ts"}""")));
        Assert.That(call.Id, Does.StartWith("call_"));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.ToolCalls)));
        Assert.That(parser.Finish(143, ""), Is.Empty);
    }

    [Test]
    public void A_call_outside_the_namespace_keeps_its_plain_name_for_the_filter_to_judge()
    {
        var parser = new CodexOutputParser();
        var events = new[]
        {
            """2026-11-21T20:29:38Z TRACE codex_api::sse::responses: SSE event: {"type":"response.output_item.done","item":{"type":"function_call","call_id":"c1","name":"list_mcp_resources","arguments":"{}"}}""",
            """2026-11-21T20:29:38Z TRACE codex_api::sse::responses: SSE event: {"type":"response.completed","response":{"usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":20},"output_tokens":3,"output_tokens_details":{"reasoning_tokens":2}}}}""",
        }.SelectMany(parser.ParseErrorLine).ToList();

        Assert.That(events.OfType<ToolCallReady>().Single().Name, Is.EqualTo("list_mcp_resources"));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(30, 3, CacheReadTokens: 20, ReasoningTokens: 2)));
    }

    [Test]
    public void The_log_is_left_out_of_the_stderr_quoted_when_codex_dies()
    {
        var parser = new CodexOutputParser();
        var tail = string.Join('\n', Fixture.Lines("codex/codex-tool-call-json.stderr.txt")) + "\nthread 'main' panicked";

        var failure = parser.Finish(101, tail).OfType<TurnFailed>().Single();

        Assert.That(failure.Error.Message, Does.Contain("panicked").And.Not.Contain("SSE event").And.Not.Contain("call_Q2x8RkV1"));
    }

    private static List<ProviderEvent> Parse(string fixture, bool stdoutFirst, int? exitCode = null)
    {
        var parser = new CodexOutputParser();
        var stdout = Fixture.Lines($"codex/{fixture}.txt");
        var stderr = Fixture.Lines($"codex/{fixture}.stderr.txt");
        var events = stdoutFirst
            ? [.. stdout.SelectMany(parser.ParseLine), .. stderr.SelectMany(parser.ParseErrorLine)]
            : stderr.SelectMany(parser.ParseErrorLine).Concat(stdout.SelectMany(parser.ParseLine)).ToList();
        // A process that answered exits by itself; one stopped at a tool call is killed (SIGTERM, 143).
        events.AddRange(parser.Finish(exitCode ?? 143, ""));
        return events;
    }
}
