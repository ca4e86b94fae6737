using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Qwen;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// The chat recording the gateway writes against one the real Qwen Code 0.24.4 wrote for the same
/// conversation (a prompt with an image, a tool call, its result, the answer): the records the CLI
/// resumes from, with the fields it writes and the same contents; the date note before each prompt is
/// what the CLI sent upstream (docs/cli/REPORT.md §11, "Qwen Code (0.24.4)").
/// </summary>
public sealed class QwenSessionTests
{
    private static readonly List<JsonObject> Recorded = [.. Fixture.Lines("qwen/qwen-0.24-session-tool-round-trip.jsonl").Select(l => JsonNode.Parse(l)!.AsObject())];

    private static readonly List<JsonObject> RecordedTurns = [.. Recorded.Where(r => r["type"]!.GetValue<string>() is "user" or "assistant" or "tool_result")];

    [Test]
    public void Each_written_record_is_one_qwen_writes_with_the_same_contents()
    {
        var first = RecordedTurns[0];
        var image = first["message"]!["parts"]!.AsArray().Single(p => p!["inlineData"] is not null)!["inlineData"]!;
        var call = RecordedTurns[1]["message"]!["parts"]![0]!["functionCall"]!;
        var result = RecordedTurns[2]["message"]!["parts"]![0]!["functionResponse"]!;
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, first["message"]!["parts"]![0]!["text"]!.GetValue<string>())
            {
                Images = [new ImageRef($"data:{image["mimeType"]};base64,{image["data"]}", "messages[0].content[1]")],
            },
            new(ConversationRole.Assistant, "") { ToolCalls = [new HistoryToolCall(call["id"]!.GetValue<string>(), "glob", call["args"]!.ToJsonString())] },
            new(ConversationRole.Tool, result["response"]!["output"]!.GetValue<string>()) { ToolCallId = call["id"]!.GetValue<string>() },
            new(ConversationRole.Assistant, RecordedTurns[3]["message"]!["parts"]![0]!["text"]!.GetValue<string>()),
        };
        var sessionId = Guid.Parse(first["sessionId"]!.GetValue<string>());

        var written = Lines(QwenSession.Render(sessionId, first["cwd"]!.GetValue<string>(), conversation, name => name, DateTimeOffset.Now));

        Assert.That(written.Select(r => r["type"]!.GetValue<string>()), Is.EqualTo(RecordedTurns.Select(r => r["type"]!.GetValue<string>())));
        for (var i = 0; i < written.Count; i++)
        {
            foreach (var (key, value) in written[i])
            {
                Assert.That(RecordedTurns[i].ContainsKey(key), Is.True, $"Qwen Code writes {key}");
                if (key is "sessionId" or "cwd" or "version" or "type") Assert.That(value!.ToJsonString(), Is.EqualTo(RecordedTurns[i][key]!.ToJsonString()), key);
            }
            Assert.That(written[i]["parentUuid"]?.GetValue<string>(), Is.EqualTo(i == 0 ? null : written[i - 1]["uuid"]!.GetValue<string>()), "one chain, as the CLI follows it");
        }
        for (var i = 1; i < written.Count; i++)
            Assert.That(written[i]["message"]!.ToJsonString(), Is.EqualTo(RecordedTurns[i]["message"]!.ToJsonString()), $"record {i}");
        var userParts = written[0]["message"]!["parts"]!.AsArray();
        Assert.That(userParts[0]!["text"]!.GetValue<string>(), Is.EqualTo(QwenSession.DateNote(DateTime.Now)));
        Assert.That(userParts[1]!["text"]!.GetValue<string>(), Does.StartWith(first["message"]!["parts"]![0]!["text"]!.GetValue<string>()));
        Assert.That(userParts[2]!["inlineData"]!.ToJsonString(), Is.EqualTo(new JsonObject { ["mimeType"] = image["mimeType"]!.GetValue<string>(), ["data"] = image["data"]!.GetValue<string>() }.ToJsonString()),
            "the image as an inline part after the text, as the CLI records an attached image");
    }

    [Test]
    public void A_client_tool_call_and_its_result_go_under_the_name_qwen_offers_the_tool_with_the_clients_id()
    {
        var conversation = new List<ConversationMessage>
        {
            new(ConversationRole.User, "Show me src/config.ts"),
            new(ConversationRole.Assistant, "Reading it.") { ToolCalls = [new HistoryToolCall("call_1", "read_file", """{"path":"src/config.ts"}""")] },
            new(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
        };

        var written = Lines(QwenSession.Render(Guid.NewGuid(), "/sandboxes/qwen-work", conversation, name => "mcp__w__" + name, DateTimeOffset.Now));

        Assert.That(written.Select(r => r["message"]!.ToJsonString()).Skip(1), Is.EqualTo(new[]
        {
            """{"role":"model","parts":[{"text":"Reading it."},{"functionCall":{"id":"call_1","name":"mcp__w__read_file","args":{"path":"src/config.ts"}}}]}""",
            """{"role":"user","parts":[{"functionResponse":{"id":"call_1","name":"mcp__w__read_file","response":{"output":"export const port = 8080;"}}}]}""",
        }));
        Assert.That(written[0]["message"]!["parts"]![1]!["text"]!.GetValue<string>(), Is.EqualTo("Show me src/config.ts\n\n"),
            "a prompt read from stdin, as the CLI sends it: followed by a blank line");
    }

    [Test]
    public void The_session_lies_where_qwen_looks_it_up_for_the_working_directory()
    {
        var home = Path.Combine(Path.GetTempPath(), "qwen-session-" + Guid.NewGuid().ToString("N"));
        try
        {
            var id = QwenSession.Id(Guid.NewGuid());
            var path = QwenSession.Write(home, id, "/tmp/qr/work3", [new(ConversationRole.User, "Hi")], name => name, DateTimeOffset.Now);

            // The recording's own folder: projects/-tmp-qr-work3/chats/<id>.jsonl (docs/cli/REPORT.md §11).
            Assert.That(path, Is.EqualTo(Path.Combine(home, "projects", "-tmp-qr-work3", "chats", id + ".jsonl")));
            Assert.That(File.Exists(path), Is.True);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public void A_conversations_id_is_one_resume_accepts_and_the_same_on_every_turn()
    {
        var conversation = Guid.CreateVersion7();

        var id = QwenSession.Id(conversation);

        // isValidSessionId in Qwen Code's bundle: versions 1-5 only; other text is looked up as a title.
        Assert.That(id.ToString(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That(QwenSession.Id(conversation), Is.EqualTo(id));
        Assert.That(QwenSession.Id(Guid.CreateVersion7()), Is.Not.EqualTo(id));
    }

    [Test]
    public void The_date_note_is_the_one_qwen_sent_before_the_prompt()
    {
        // Measured in the upstream request of the recorded run (December 7, 2026).
        Assert.That(QwenSession.DateNote(new DateTime(2026, 12, 7)), Is.EqualTo(
            "<system-reminder>\nThe current date is: Monday, December 7, 2026. Note: This is the authoritative current date \u2014 it may differ from the \"Today's date\" mentioned earlier in the conversation startup context.\n</system-reminder>"));
    }

    private static List<JsonObject> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
}
