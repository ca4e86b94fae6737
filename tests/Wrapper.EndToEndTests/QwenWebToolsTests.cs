using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>Web tools in chat with the real Qwen Code: the gateway's web_fetch inside the turn, none of the CLI's own tools.</summary>
public sealed class QwenWebToolsTests
{
    private const string Model = "qwen-2.5-flash";
    private const string Answer = "High water is at 14:07 today.";

    [Test, CancelAfter(180_000)]
    public async Task A_fetched_pages_text_reaches_the_models_next_call_and_the_answer_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var qwen = await QwenGateway.StartAsync(WebToolsChecks.On(allowPrivate: true));
        qwen.Upstream.ChatToolCalls = [new("mcp__w__web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        qwen.Upstream.ReplyText = Answer;

        using var response = await qwen.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.EqualTo(1));
        var calls = ChatCalls(qwen.Upstream);
        Assert.That(Offered(calls[0]), Is.EqualTo(new[] { "mcp__w__web_fetch" }), "none of the CLI's own tools, its web_fetch and web_search included");
        WebToolsChecks.PageTextArrived(LastToolMessage(calls[^1])!);
    }

    [Test, CancelAfter(180_000)]
    public async Task A_loopback_page_is_refused_and_never_contacted_and_the_model_reads_why(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var qwen = await QwenGateway.StartAsync(WebToolsChecks.On());
        qwen.Upstream.ChatToolCalls = [new("mcp__w__web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        qwen.Upstream.ReplyText = Answer;

        using var response = await qwen.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.Zero);
        Assert.That(LastToolMessage(ChatCalls(qwen.Upstream)[^1]), Does.Contain("private, loopback or link-local").And.Contain("WEB_FETCH_ALLOW_PRIVATE is off"));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_agent_request_with_its_own_tools_is_offered_no_web_tools_under_chat(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync(WebToolsChecks.On());

        using var response = await qwen.Client.PostAsync(WebToolsChecks.AgentRequest(Model), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(Offered(ChatCalls(qwen.Upstream)[0]), Is.EqualTo(new[] { "mcp__w__read_file" }));
    }

    private static List<RecordedRequest> ChatCalls(FakeOpenAiServer upstream) =>
        [.. upstream.Requests.Where(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/chat/completions", StringComparison.Ordinal))];

    private static List<string> Offered(RecordedRequest call) =>
        [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)];

    /// <summary>The text of the call's last message when it is a tool message, else null.</summary>
    private static string? LastToolMessage(RecordedRequest call)
    {
        var last = (JsonNode.Parse(call.Body)?["messages"] as JsonArray)?.LastOrDefault();
        if (last?["role"]?.GetValue<string>() != "tool") return null;
        return last["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
            _ => null,
        };
    }
}
