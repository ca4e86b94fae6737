using Wrapper.Server.Core;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Claude;
using Wrapper.Server.Tools.Web;

namespace Wrapper.Tests.Tools.Web;

/// <summary>
/// A CLI's parser ends the turn at the model's tool calls; for tools that run inside the turn the
/// turn goes on, and the next answer is read from its start: shown with Claude Code's stream-json.
/// </summary>
public sealed class InTurnToolParserTests
{
    private static readonly Dictionary<string, string> InTurn = new() { ["mcp__w__web_fetch"] = "web_fetch", ["WebSearch"] = "web_search" };

    [Test]
    public void A_gateway_tool_use_is_kept_from_the_client_and_the_answer_after_it_is_read()
    {
        var parser = new InTurnToolParser(() => new ClaudeOutputParser(), InTurn);

        var events = Parse(parser, [.. ToolUse("mcp__w__web_fetch", 0), .. Text("High water at 14:07."), Result(inputTokens: 70)]);

        Assert.That(events.OfType<ToolCallReady>(), Is.Empty);
        Assert.That(string.Concat(events.OfType<TextDelta>().Select(t => t.Text)), Is.EqualTo("High water at 14:07."));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
        Assert.That(events.OfType<UsageReported>().Last().Usage.InputTokens, Is.EqualTo(70), "the turn's total, from the final result");
        Assert.That(parser.Used, Is.EqualTo(new[] { "web_fetch" }));
    }

    [Test]
    public void Two_rounds_of_in_turn_tools_are_each_run_by_the_CLI_and_recorded_once_per_kind()
    {
        var parser = new InTurnToolParser(() => new ClaudeOutputParser(), InTurn);

        var events = Parse(parser, [.. ToolUse("WebSearch", 0), .. ToolUse("mcp__w__web_fetch", 0), .. ToolUse("mcp__w__web_fetch", 0), .. Text("done"), Result(5)]);

        Assert.That(events.Where(e => e is ToolCallReady or TurnCompleted { Reason: FinishReason.ToolCalls }), Is.Empty);
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
        Assert.That(parser.Used, Is.EqualTo(new[] { "web_search", "web_fetch" }));
    }

    [Test]
    public void A_client_tool_use_still_ends_the_turn_even_beside_an_in_turn_one()
    {
        var parser = new InTurnToolParser(() => new ClaudeOutputParser(), InTurn);

        var events = Parse(parser, [.. ToolUse("mcp__w__web_fetch", 0, stop: false), .. ToolUse("mcp__w__read_file", 1)]);

        Assert.That(events.OfType<ToolCallReady>().Select(c => c.Name), Is.EqualTo(new[] { "mcp__w__read_file" }));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.ToolCalls)));
    }

    [Test]
    public void Without_in_turn_tools_the_parser_is_unchanged()
    {
        var parser = new InTurnToolParser(() => new ClaudeOutputParser(), new Dictionary<string, string>());

        var events = Parse(parser, ToolUse("mcp__w__web_fetch", 0));

        Assert.That(events.OfType<ToolCallReady>().Single().Name, Is.EqualTo("mcp__w__web_fetch"));
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.ToolCalls)));
        Assert.That(parser.Used, Is.Empty);
    }

    private static List<ProviderEvent> Parse(ICliOutputParser parser, IEnumerable<string> lines) => [.. lines.SelectMany(parser.ParseLine)];

    /// <summary>One model message with a tool_use block at <paramref name="index"/>, ending with stop_reason tool_use unless told not to.</summary>
    private static IEnumerable<string> ToolUse(string name, int index, bool stop = true)
    {
        string Line(string json) => json.Replace("INDEX", index.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);
        if (index == 0) yield return """{"type":"stream_event","event":{"type":"message_start","message":{"model":"claude-sonnet-4-5","usage":{"input_tokens":10,"output_tokens":1}}}}""";
        yield return Line("""{"type":"stream_event","event":{"type":"content_block_start","index":INDEX,"content_block":{"type":"tool_use","id":"toolu_INDEX","name":"NAME"}}}""");
        yield return Line("""{"type":"stream_event","event":{"type":"content_block_delta","index":INDEX,"delta":{"type":"input_json_delta","partial_json":"{\"url\":\"https://example.com\"}"}}}""");
        yield return Line("""{"type":"stream_event","event":{"type":"content_block_stop","index":INDEX}}""");
        if (stop) yield return """{"type":"stream_event","event":{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":12}}}""";
    }

    private static IEnumerable<string> Text(string text)
    {
        yield return """{"type":"stream_event","event":{"type":"message_start","message":{"model":"claude-sonnet-4-5","usage":{"input_tokens":30,"output_tokens":1}}}}""";
        yield return """{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"TEXT"}}}""".Replace("TEXT", text, StringComparison.Ordinal);
        yield return """{"type":"stream_event","event":{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}}""";
    }

    private static string Result(int inputTokens) =>
        $$$"""{"type":"result","subtype":"success","is_error":false,"result":"x","stop_reason":"end_turn","usage":{"input_tokens":{{{inputTokens}}},"output_tokens":9}}""";
}
