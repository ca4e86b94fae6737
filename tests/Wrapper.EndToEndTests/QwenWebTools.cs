using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The real Qwen Code in <see cref="WebToolsTests"/>: the gateway's web_fetch, none of the CLI's own tools.</summary>
internal sealed class QwenWebTools(UpstreamGateway<FakeOpenAiServer> e2e) : WebToolsRun(e2e.Gateway, e2e)
{
    private List<RecordedRequest> ChatCalls => PostsTo(e2e.Upstream.Requests, "/chat/completions");

    public override void FetchThenAnswer(Uri url, string answer)
    {
        e2e.Upstream.ChatToolCalls = [new("mcp__w__web_fetch", WebToolsChecks.UrlArguments(url))];
        e2e.Upstream.ReplyText = answer;
    }

    public override void CheckChatTools() =>
        Assert.That(Offered(ChatCalls[0]), Is.EqualTo(new[] { "mcp__w__web_fetch" }), "none of the CLI's own tools, its web_fetch and web_search included");

    public override void CheckAgentTools() => Assert.That(Offered(ChatCalls[0]), Is.EqualTo(new[] { "mcp__w__read_file" }));

    public override (string Text, bool? IsError) LastToolResult() => (LastToolMessage(ChatCalls[^1])!, null);

    private static List<string> Offered(RecordedRequest call) =>
        [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)];

    /// <summary>The text of the call's last message when it is a tool message, else null.</summary>
    private static string? LastToolMessage(RecordedRequest call)
    {
        var last = (JsonNode.Parse(call.Body)?["messages"] as JsonArray)?.LastOrDefault();
        return last?["role"]?.GetValue<string>() == "tool" ? TextOf(last["content"]) : null;
    }
}
