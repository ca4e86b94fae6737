using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The real Codex in <see cref="WebToolsTests"/>: the gateway's web_fetch, and the hosted web_search as its only own tool.</summary>
internal sealed class CodexWebTools(UpstreamGateway<FakeOpenAiServer> e2e) : WebToolsRun(e2e.Gateway, e2e)
{
    private List<RecordedRequest> ResponsesCalls => PostsTo(e2e.Upstream.Requests, "/responses");

    public override void FetchThenAnswer(Uri url, string answer)
    {
        e2e.Upstream.FunctionCalls = [("mcp__w", "web_fetch", WebToolsChecks.UrlArguments(url))];
        e2e.Upstream.ReplyText = answer;
    }

    public override void CheckChatTools()
    {
        var tools = Tools(ResponsesCalls[0]);
        Assert.That(tools.Count(t => t.GetProperty("type").GetString() == "web_search"), Is.EqualTo(1), "the hosted search is on");
        Assert.That(NamespaceTools(tools), Is.EqualTo(new[] { "web_fetch" }));
    }

    public override void CheckAgentTools()
    {
        var tools = Tools(ResponsesCalls[0]);
        Assert.That(tools.Any(t => t.GetProperty("type").GetString() == "web_search"), Is.False);
        Assert.That(NamespaceTools(tools), Is.EqualTo(new[] { "read_file" }));
    }

    public override (string Text, bool? IsError) LastToolResult() => (LastFunctionOutput(ResponsesCalls[^1])!, null);

    private static List<JsonElement> Tools(RecordedRequest call) =>
        [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray()];

    private static IEnumerable<string?> NamespaceTools(List<JsonElement> tools) =>
        tools.Single(t => t.GetProperty("type").GetString() == "namespace").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString());

    /// <summary>The output of the call's last input item when it is a function_call_output, as text; else null.</summary>
    private static string? LastFunctionOutput(RecordedRequest call)
    {
        var last = (JsonNode.Parse(call.Body)?["input"] as JsonArray)?.LastOrDefault();
        return last?["type"]?.GetValue<string>() == "function_call_output" ? TextOf(last["output"]) ?? last["output"]?.ToJsonString() : null;
    }
}
