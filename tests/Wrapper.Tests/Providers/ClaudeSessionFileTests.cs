using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Providers.Claude;

namespace Wrapper.Tests.Providers;

/// <summary>The session file Claude Code resumes (docs/cli/RESUME-CLAUDE.md): its records, their chain and the native blocks.</summary>
public sealed class ClaudeSessionFileTests
{
    [Test]
    public void Writes_native_turns_chained_with_the_context_after_the_first_user_message_and_added_text_inside_the_last_result()
    {
        var file = new ClaudeSessionFile("0b7c3f0e-0000-4000-8000-000000000001", "/srv/claude-work");
        file.AddConversation(
        [
            new ConversationMessage(ConversationRole.User, "Show me src/config.ts") { Images = [new ImageRef("data:image/png;base64,iVBORw0K", "messages[1].content[1]")] },
            new ConversationMessage(ConversationRole.Assistant, "Reading it.") { ToolCalls = [new HistoryToolCall("call_1", "read_file", """{ "path": "src/config.ts" }""")] },
            new ConversationMessage(ConversationRole.Tool, "export const port = 8080;") { ToolCallId = "call_1" },
            new ConversationMessage(ConversationRole.User, "<environment_details>cwd</environment_details>"),
            new ConversationMessage(ConversationRole.Assistant, "The port is 8080."),
        ], [new JsonObject { ["type"] = "date", ["date"] = "2026-12-07" }], name => "mcp__w__" + name);

        var records = file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.That(records.Select(r => r["type"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "attachment", "assistant", "user", "assistant" }));
        Assert.That(records[0]["parentUuid"], Is.Null);
        for (var i = 1; i < records.Count; i++)
            Assert.That(records[i]["parentUuid"]!.GetValue<string>(), Is.EqualTo(records[i - 1]["uuid"]!.GetValue<string>()), $"record {i} follows {i - 1}");
        Assert.That(records.All(r => r["sessionId"]!.GetValue<string>() == file.SessionId && r["cwd"]!.GetValue<string>() == "/srv/claude-work"));

        Assert.That(records[0]["message"]!.ToJsonString(), Is.EqualTo(
            """{"role":"user","content":[{"type":"text","text":"Show me src/config.ts"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0K"}}]}"""));
        Assert.That(records[1]["attachment"]!.ToJsonString(), Is.EqualTo("""{"type":"date","date":"2026-12-07"}"""));
        Assert.That(records[2]["message"]!["content"]!.ToJsonString(), Is.EqualTo(
            """[{"type":"text","text":"Reading it."},{"type":"tool_use","id":"call_1","name":"mcp__w__read_file","input":{"path":"src/config.ts"}}]"""));
        Assert.That(records[3]["message"]!.ToJsonString(), Is.EqualTo(
            """{"role":"user","content":[{"tool_use_id":"call_1","type":"tool_result","content":[{"type":"text","text":"export const port = 8080;"},{"type":"text","text":"\u003Cenvironment_details\u003Ecwd\u003C/environment_details\u003E"}]}]}"""));
        Assert.That(records[4]["message"]!["content"]!.ToJsonString(), Is.EqualTo("""[{"type":"text","text":"The port is 8080."}]"""));
    }

    [Test]
    public void A_deferred_call_names_the_tool_use_the_resumed_cli_runs_again()
    {
        var file = new ClaudeSessionFile("0b7c3f0e-0000-4000-8000-000000000002", "/srv/claude-work");
        file.AddDeferredCall(new HistoryToolCall("call_9", "read_file", """{"path":"a.ts"}"""), "mcp__w__read_file");

        var marker = JsonNode.Parse(file.Text)!["attachment"]!;
        Assert.That(marker["type"]!.GetValue<string>(), Is.EqualTo("hook_deferred_tool"));
        Assert.That(marker["toolUseID"]!.GetValue<string>(), Is.EqualTo("call_9"));
        Assert.That(marker["toolName"]!.GetValue<string>(), Is.EqualTo("mcp__w__read_file"));
        Assert.That(marker["toolInput"]!.ToJsonString(), Is.EqualTo("""{"path":"a.ts"}"""));
    }
}
