using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Providers.Gemini;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// The session the gateway writes against one the real Gemini CLI 0.61 wrote for the same conversation
/// (a user message, a tool call, its result, the answer): every record and field written is one the CLI
/// writes, with the same value; the result is kept in <c>toolCalls[].result</c> only (the CLI's own
/// file repeats it as a user record, which a resume would send twice).
/// </summary>
public sealed class GeminiSessionFileTests
{
    private static readonly List<JsonObject> Recorded =
        [.. Fixture.Lines("gemini/gemini-session-tool-round-trip.jsonl").Select(l => JsonNode.Parse(l)!.AsObject())];

    [Test]
    public void Each_written_record_is_one_gemini_cli_writes_with_the_same_values()
    {
        var messages = Recorded.Where(r => r.ContainsKey("id")).GroupBy(r => r["id"]!.GetValue<string>()).Select(g => g.Last()).ToList();
        var user = messages.Single(r => Type(r) == "user" && r["content"]![0]!["text"] is { } text && !text.GetValue<string>().StartsWith('<'));
        var call = messages.Single(r => r["toolCalls"] is not null);
        var recordedCall = call["toolCalls"]![0]!.AsObject();
        var answer = messages.Last(r => Type(r) == "gemini");
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, user["content"]![0]!["text"]!.GetValue<string>()),
            new(ConversationRole.Assistant, "")
            {
                ToolCalls = [new HistoryToolCall(recordedCall["id"]!.GetValue<string>(), "read_file", recordedCall["args"]!.ToJsonString())],
            },
            new(ConversationRole.Tool, recordedCall["result"]![0]!["functionResponse"]!["response"]!["output"]!.GetValue<string>())
            {
                ToolCallId = recordedCall["id"]!.GetValue<string>(),
            },
            new(ConversationRole.Assistant, answer["content"]!.GetValue<string>()),
        };

        var written = Lines(GeminiSessionFile.Render(Guid.NewGuid(), conversation, name => name, DateTimeOffset.UtcNow));

        AssertSubset(written[0], Recorded[0], except: ["sessionId", "projectHash", "startTime", "lastUpdated"]);
        Assert.That(written.Skip(1).Select(Type), Is.EqualTo(new[] { "user", "gemini", "gemini" }), "no user record repeats the result");
        AssertSubset(written[1], user, except: ["id", "timestamp"]);
        AssertSubset(written[2], call, except: ["id", "timestamp", "toolCalls"]);
        AssertSubset(written[2]["toolCalls"]![0]!.AsObject(), recordedCall, except: ["timestamp"]);
        AssertSubset(written[3], answer, except: ["id", "timestamp"]);
    }

    [Test]
    public void Client_calls_go_under_the_cli_tool_name_with_their_ids_and_the_next_prompt_after_results_repeats_the_cli_s_own_turns()
    {
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, "Show me src/config.ts"),
            new(ConversationRole.Assistant, "Reading it.") { ToolCalls = [new HistoryToolCall("call_1", "read_file", """{"path":"src/config.ts"}""")] },
            new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
            new(ConversationRole.User, "Continue with the tool results above."),
            new(ConversationRole.Assistant, "It exports a port."),
        };

        var written = Lines(GeminiSessionFile.Render(Guid.NewGuid(), conversation, name => "mcp_w_" + name, DateTimeOffset.UtcNow)).Skip(1).ToList();

        Assert.That(written.Select(r => r["content"]!.ToJsonString()), Is.EqualTo(new[]
        {
            """[{"text":"Show me src/config.ts"}]""",
            "\"Reading it.\"",
            "\"[The previous response was interrupted before it completed.]\"",
            """[{"text":"Continue with the tool results above."}]""",
            "\"It exports a port.\"",
        }));
        Assert.That(written[1]["toolCalls"]!.ToJsonString(), Does.StartWith(
            """[{"id":"call_1","name":"mcp_w_read_file","args":{"path":"src/config.ts"},"result":[{"functionResponse":{"id":"call_1","name":"mcp_w_read_file","response":{"output":"export const port = 8080;"}}}],"status":"success","""));
        Assert.That(written.Select(r => r["id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(written.Count), "a repeated id would replace a record");
    }

    [Test]
    public void An_earlier_image_is_an_inline_part_of_its_own_turn()
    {
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, "What is this?") { Images = [new ImageRef("data:image/png;base64,iVBORw0KGgo=", "messages[0].content[1]")] },
            new(ConversationRole.Assistant, "A chart."),
        };

        var written = Lines(GeminiSessionFile.Render(Guid.NewGuid(), conversation, name => name, DateTimeOffset.UtcNow));

        Assert.That(written[1]["content"]!.ToJsonString(),
            Is.EqualTo("""[{"text":"What is this?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]"""));
    }

    [TestCase("/help", true)]
    [TestCase("  ?what", true)]
    [TestCase("<session_context>x", true)]
    [TestCase("Fix the bug in /src", false)]
    [TestCase("", false)]
    public void A_user_turn_the_cli_would_leave_out_of_a_resumed_history_is_recognised(string text, bool dropped) =>
        Assert.That(GeminiSessionFile.IsDroppedByCli(new ConversationMessage(ConversationRole.User, text)), Is.EqualTo(dropped));

    private static string Type(JsonObject record) => record["type"]!.GetValue<string>();

    private static List<JsonObject> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static void AssertSubset(JsonObject written, JsonObject recorded, string[] except)
    {
        foreach (var (key, value) in written)
        {
            Assert.That(recorded.ContainsKey(key), Is.True, $"Gemini CLI writes {key}");
            if (!except.Contains(key)) Assert.That(value!.ToJsonString(), Is.EqualTo(recorded[key]!.ToJsonString()), key);
        }
    }
}
