using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Codex;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// The rollout the gateway writes against one the real Codex 0.171 wrote for the same conversation
/// (a user message with an image, a function call, its output, the answer): every field written
/// is one Codex writes, with the same value; what Codex adds of its own (ids, metadata) is not needed to resume.
/// </summary>
public sealed class CodexRolloutTests
{
    private static readonly List<JsonObject> Recorded = [.. Fixture.Lines("codex/codex-rollout-tool-round-trip.jsonl").Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <summary>The turn context the real Codex 0.171 wrote for a read-only `exec` run with model "mock-model".</summary>
    private static readonly JsonObject RecordedTurnContext = JsonNode.Parse(Fixture.Lines("codex/codex-turn-context.jsonl").Single())!["payload"]!.AsObject();

    [Test]
    public void Each_written_item_is_an_item_codex_writes_with_the_same_values()
    {
        var items = Recorded.Where(l => l["type"]!.GetValue<string>() == "response_item").Select(l => l["payload"]!.AsObject()).ToList();
        var user = items[0]["content"]!.AsArray();
        var call = items[1];
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, user.Last()!["text"]!.GetValue<string>())
            {
                Images = [new ImageRef(user.Single(p => p!["type"]!.GetValue<string>() == "input_image")!["image_url"]!.GetValue<string>(), "messages[0].content[1]")],
            },
            new(ConversationRole.Assistant, "") { ToolCalls = [new HistoryToolCall(call["call_id"]!.GetValue<string>(), "shell", call["arguments"]!.GetValue<string>())] },
            new(ConversationRole.Tool, items[2]["output"]!.GetValue<string>()) { ToolCallId = items[2]["call_id"]!.GetValue<string>() },
            new(ConversationRole.Assistant, items[3]["content"]![0]!["text"]!.GetValue<string>()),
        };

        var written = Lines(CodexRollout.Render(Guid.NewGuid(), "/work", "mock-model", conversation, new Dictionary<string, (string?, string)>(), DateTimeOffset.UtcNow));

        var recordedTypes = Recorded.Select(l => l["type"]!.GetValue<string>()).ToList();
        recordedTypes.Insert(1, "turn_context");
        Assert.That(written.Select(l => l["type"]!.GetValue<string>()), Is.EqualTo(recordedTypes));
        AssertSubset(written[0]["payload"]!.AsObject(), Recorded[0]["payload"]!.AsObject(), except: ["id", "timestamp", "cwd"]);
        AssertSubset(written[1]["payload"]!.AsObject(), RecordedTurnContext, except: ["cwd"]);
        written.RemoveAt(1);
        var writtenUser = written[1]["payload"]!["content"]!.AsArray();
        Assert.That(writtenUser.Select(p => p!.ToJsonString()), Is.SubsetOf(user.Select(p => Without(p!.AsObject(), "detail"))),
            "the text and the image as Codex records them (it adds its own <image> markers and a detail)");
        for (var i = 2; i < written.Count; i++)
            AssertSubset(written[i]["payload"]!.AsObject(), items[i - 1], except: []);
    }

    [Test]
    public void A_client_tool_call_goes_in_the_namespace_codex_offers_it_under_and_a_session_meta_names_the_thread()
    {
        var id = Guid.NewGuid();
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, "Show me src/config.ts"),
            new(ConversationRole.Assistant, "Reading it.") { ToolCalls = [new HistoryToolCall("call_1", "read_file", """{"path":"src/config.ts"}""")] },
            new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
        };
        var names = CodexTools.CallNames(new Dictionary<string, string> { ["mcp__w__read_file"] = "read_file" });

        var written = Lines(CodexRollout.Render(id, "/sandbox/work", "gpt-5.5", conversation, names, DateTimeOffset.UtcNow));

        Assert.That(written[0]["payload"]!["id"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
        Assert.That(written[0]["payload"]!["cwd"]!.GetValue<string>(), Is.EqualTo("/sandbox/work"));
        Assert.That(written[1]["type"]!.GetValue<string>(), Is.EqualTo("turn_context"));
        Assert.That(written[1]["payload"]!.ToJsonString(), Is.EqualTo(
            """{"cwd":"/sandbox/work","approval_policy":"never","model":"gpt-5.5","sandbox_policy":{"type":"read-only"},"multi_agent_version":"disabled"}"""),
            "the turn context that keeps Codex's sub-agent tools off on resume");
        var payloads = written.Skip(2).Select(l => l["payload"]!.ToJsonString(Relaxed)).ToList();
        Assert.That(payloads, Is.EqualTo(new[]
        {
            """{"type":"message","role":"user","content":[{"type":"input_text","text":"Show me src/config.ts"}]}""",
            """{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Reading it.","annotations":[]}]}""",
            """{"type":"function_call","namespace":"mcp__w","name":"read_file","arguments":"{\"path\":\"src/config.ts\"}","call_id":"call_1"}""",
            """{"type":"function_call_output","call_id":"call_1","output":"export const port = 8080;"}""",
        }));
    }

    [Test]
    public void Tool_results_an_assistant_turn_follows_get_the_note_that_was_that_turns_prompt()
    {
        var resumed = ResumedConversation.Of(
        [
            new(ConversationRole.User, "Show me src/config.ts"),
            new(ConversationRole.Assistant, "") { ToolCalls = [new HistoryToolCall("call_1", "read_file", "{}")] },
            new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
            new(ConversationRole.Assistant, "It exports a port."),
            new(ConversationRole.User, "And the host?"),
        ]);

        Assert.That(resumed.Latest.Select(m => m.Text), Is.EqualTo(new[] { "And the host?" }));
        Assert.That(resumed.EarlierWithNotes().Select(m => (m.Role, m.Text)), Is.EqualTo(new[]
        {
            (ConversationRole.User, "Show me src/config.ts"), (ConversationRole.Assistant, ""), (ConversationRole.Tool, "export const port = 8080;"),
            (ConversationRole.User, ResumedConversation.ContinueNote), (ConversationRole.Assistant, "It exports a port."),
        }));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<JsonObject> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static string Without(JsonObject part, string field)
    {
        var copy = part.DeepClone().AsObject();
        copy.Remove(field);
        return copy.ToJsonString();
    }

    private static void AssertSubset(JsonObject written, JsonObject recorded, string[] except)
    {
        foreach (var (key, value) in written)
        {
            Assert.That(recorded.ContainsKey(key), Is.True, $"Codex writes {key}");
            if (!except.Contains(key)) Assert.That(value!.ToJsonString(), Is.EqualTo(recorded[key]!.ToJsonString()), key);
        }
    }
}
