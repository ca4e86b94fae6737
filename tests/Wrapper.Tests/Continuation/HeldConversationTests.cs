using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;
using Wrapper.Server.Continuation;
using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Tests.Continuation;

/// <summary>How a request is read as the next turn of a held agent loop, and how its results answer the held calls.</summary>
public sealed class HeldConversationTests
{
    private static readonly ConversationMessage Ask = new(ConversationRole.User, "Read a.txt and b.txt");
    private static readonly ConversationMessage Calls = new(ConversationRole.Assistant, "")
    {
        ToolCalls = [new HistoryToolCall("toolu_1", "read_file", """{"path":"a.txt"}"""), new HistoryToolCall("toolu_2", "read_file", """{"path":"b.txt"}""")],
    };

    [Test]
    public void Tool_results_then_a_user_message_as_Roo_Code_sends_them_are_the_next_turn()
    {
        var next = HeldConversation.Read([Ask, Calls, Result("toolu_1", "A"), Result("toolu_2", "B"), new(ConversationRole.User, "<environment_details>")]);

        Assert.That(next, Is.Not.Null);
        Assert.That(next!.UpToAssistant, Is.EqualTo(new[] { Ask, Calls }));
        Assert.That(next.After.Single().Text, Is.EqualTo("<environment_details>"));
        Assert.That(next.AnswersExactly(["toolu_1", "toolu_2"]), Is.True);
        Assert.That(next.AnswersExactly(["toolu_1"]), Is.False, "a result for a call that was not held");
        Assert.That(next.AnswersExactly(["toolu_1", "toolu_3"]), Is.False);
    }

    [Test]
    public void A_request_that_does_not_end_with_tool_results_is_no_next_turn()
    {
        Assert.That(HeldConversation.Read([Ask]), Is.Null);
        Assert.That(HeldConversation.Read([Ask, new(ConversationRole.Assistant, "Done."), new(ConversationRole.User, "Thanks")]), Is.Null);
        Assert.That(HeldConversation.Read([Ask, Calls, new(ConversationRole.User, "never mind")]), Is.Null, "no results at all");
    }

    [Test]
    public void New_user_messages_after_a_plain_answer_are_the_next_turn_of_a_held_plain_turn()
    {
        var answer = new ConversationMessage(ConversationRole.Assistant, "Seven.");
        var next = HeldConversation.ReadNext([Ask, answer, new(ConversationRole.User, "And an even one?"), new(ConversationRole.User, "<environment_details>")]);

        Assert.That(next, Is.Not.Null);
        Assert.That(next!.UpToAssistant, Is.EqualTo(new[] { Ask, answer }));
        Assert.That(next.ToolResults, Is.Empty);
        Assert.That(next.After.Select(m => m.Text), Is.EqualTo(new[] { "And an even one?", "<environment_details>" }));
        Assert.That(next.AnswersExactly([]), Is.True, "a plain turn holds no calls");
        Assert.That(next.AnswersExactly(["toolu_1"]), Is.False, "a turn held at a tool call needs its result");
        Assert.That(HeldConversation.ReadFollowUp([Ask, answer]), Is.Null, "no new message");
        Assert.That(HeldConversation.ReadFollowUp([Ask, Calls, Result("toolu_1", "A")]), Is.Null, "after tool calls: Read");
        Assert.That(HeldConversation.ReadNext([Ask, Calls, Result("toolu_1", "A"), Result("toolu_2", "B")])!.ToolResults, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_digest_of_each_prefix_is_the_digest_of_that_many_messages_and_an_echoed_answer_may_lose_its_trailing_newline()
    {
        var key = WarmKey.For("claude", Request("10.0.0.1"));
        List<ConversationMessage> messages = [Ask, new(ConversationRole.Assistant, "Seven.\n"), new(ConversationRole.User, "And an even one?")];

        var prefixes = ConversationDigest.Prefixes(key, messages);

        Assert.That(prefixes, Is.EqualTo(Enumerable.Range(1, messages.Count).Select(n => ConversationDigest.Of(key, messages.Take(n)))));
        Assert.That(ConversationDigest.Of(key, [Ask, new(ConversationRole.Assistant, "Seven.")]), Is.EqualTo(prefixes[1]));
        Assert.That(ConversationDigest.Of(key, [Ask, new(ConversationRole.Assistant, "Seven!")]), Is.Not.EqualTo(prefixes[1]));
    }

    [Test]
    public void The_digest_ignores_how_a_client_writes_an_empty_turn_and_its_arguments_but_not_the_client()
    {
        var key = WarmKey.For("claude", Request("10.0.0.1"));
        var rewritten = Calls with
        {
            Text = " ",
            ToolCalls = [new HistoryToolCall("toolu_1", "read_file", """{ "path": "a.txt" }"""), new HistoryToolCall("toolu_2", "read_file", """{"path":"b.txt"}""")],
        };

        Assert.That(ConversationDigest.Of(key, [Ask, rewritten]), Is.EqualTo(ConversationDigest.Of(key, [Ask, Calls])));
        Assert.That(ConversationDigest.Of(WarmKey.For("claude", Request("10.0.0.2")), [Ask, Calls]), Is.Not.EqualTo(ConversationDigest.Of(key, [Ask, Calls])));
        Assert.That(ConversationDigest.Of(key, [Ask with { Text = "Read a.txt" }, Calls]), Is.Not.EqualTo(ConversationDigest.Of(key, [Ask, Calls])));
    }

    [Test]
    public async Task Calls_sent_one_after_the_other_each_get_their_own_result_and_the_last_carries_what_followed()
    {
        using var tools = new McpToolSession("t", [new McpTool("read_file", new ToolSpec("read_file", "", JsonDocument.Parse("{}").RootElement))], () => { });
        var first = tools.CallArrived("read_file", new JsonObject { ["path"] = "a.txt" }).Result;
        var turn = new HeldTurn(Mock.Of<ICliLease>(), tools, WarmKey.For("claude", Request("10.0.0.1")), "d", "f",
            [new HeldToolCall("toolu_1", "read_file", """{"path":"a.txt"}"""), new HeldToolCall("toolu_2", "read_file", """{"path":"b.txt"}""")]);
        var next = HeldConversation.Read([Ask, Calls, Result("toolu_1", "A body"), Result("toolu_2", "B body"), new(ConversationRole.User, "env")])!;
        var image = new PreparedImage(1, ImageFormat.Png, [1, 2, 3], 1, 1);

        tools.NextTurn(ToolResultAnswers.For(turn, next, [image]));
        var firstResult = await first.WaitAsync(TimeSpan.FromSeconds(1));
        var second = tools.CallArrived("read_file", new JsonObject { ["path"] = "b.txt" }).Result;
        var secondResult = await second.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.That(Wire(firstResult)["content"]!.ToJsonString(), Is.EqualTo("""[{"type":"text","text":"A body"}]"""));
        Assert.That(Wire(secondResult)["content"]!.ToJsonString(), Is.EqualTo("""[{"type":"text","text":"B body"},{"type":"text","text":"env"},{"type":"image","data":"AQID","mimeType":"image/png"}]"""));
        Assert.That(tools.ToolCalled.IsCancellationRequested, Is.False, "a call answered at once does not end the continued turn");
        Assert.That(tools.Waiting, Is.Empty);
    }

    /// <summary>The result as the MCP SDK sends it to the CLI.</summary>
    private static JsonNode Wire(ModelContextProtocol.Protocol.CallToolResult result) =>
        JsonSerializer.SerializeToNode(result, ModelContextProtocol.McpJsonUtilities.DefaultOptions)!;

    private static ConversationMessage Result(string id, string text) => new(ConversationRole.Tool, text) { ToolCallId = id };

    private static CompletionRequest Request(string client) => new()
    {
        Model = "claude-sonnet-4-5", SystemPrompt = "You are a coding agent.", Messages = [Ask], ClientIdentity = client,
    };
}

/// <summary>Claude Code's output after its held tool calls were answered.</summary>
public sealed class ClaudeContinuationParserTests
{
    [Test]
    public void The_previous_turns_leftovers_are_skipped_and_usage_is_the_new_messages_own()
    {
        var parser = new Wrapper.Server.Providers.Claude.ClaudeOutputParser(continues: true);
        string[] lines =
        [
            """{"type":"stream_event","event":{"type":"message_stop"}}""",
            """{"type":"assistant","message":{"model":"claude-x","content":[{"type":"tool_use","id":"toolu_1","name":"mcp__w__read_file","input":{"path":"a.txt"}}],"stop_reason":"tool_use"}}""",
            """{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"A body"}]}}""",
            """{"type":"stream_event","event":{"type":"message_start","message":{"model":"claude-x","usage":{"input_tokens":7,"cache_read_input_tokens":500,"cache_creation_input_tokens":40,"output_tokens":1}}}}""",
            """{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"It exports a port."}}}""",
            """{"type":"stream_event","event":{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}}""",
            """{"type":"result","subtype":"success","is_error":false,"result":"It exports a port.","stop_reason":"end_turn","usage":{"input_tokens":900,"output_tokens":30,"cache_read_input_tokens":500}}""",
        ];

        var events = lines.SelectMany(parser.ParseLine).ToList();

        Assert.That(events.OfType<ToolCallReady>(), Is.Empty, "the held turn's tool call is not sent again");
        Assert.That(events.OfType<TextDelta>().Select(t => t.Text), Is.EqualTo(new[] { "It exports a port." }));
        Assert.That(events.OfType<UsageReported>().Single().Usage, Is.EqualTo(new TokenUsage(7, 5, CacheReadTokens: 500, CacheCreationTokens: 40)),
            "this turn's call, not the loop's running total");
        Assert.That(events[^1], Is.EqualTo(new TurnCompleted(FinishReason.Stop)));
    }
}
