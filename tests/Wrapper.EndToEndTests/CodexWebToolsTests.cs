using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>Web tools in chat with the real Codex: the gateway's web_fetch inside the turn, and the hosted web_search as its only own tool.</summary>
public sealed class CodexWebToolsTests
{
    private const string Model = "gpt-5.1-codex";
    private const string Answer = "High water is at 14:07 today.";

    [Test, CancelAfter(180_000)]
    public async Task A_fetched_pages_text_reaches_the_models_next_call_and_the_answer_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var codex = await CodexGateway.StartAsync(WebToolsChecks.On(allowPrivate: true));
        codex.Upstream.FunctionCalls = [("mcp__w", "web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        codex.Upstream.ReplyText = Answer;

        using var response = await codex.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.EqualTo(1));
        var calls = ResponsesCalls(codex.Upstream);
        var tools = JsonDocument.Parse(calls[0].Body).RootElement.GetProperty("tools").EnumerateArray().ToList();
        Assert.That(tools.Count(t => t.GetProperty("type").GetString() == "web_search"), Is.EqualTo(1), "the hosted search is on");
        Assert.That(tools.Single(t => t.GetProperty("type").GetString() == "namespace").GetProperty("tools").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "web_fetch" }));
        WebToolsChecks.PageTextArrived(LastFunctionOutput(calls[^1])!);
    }

    [Test, CancelAfter(180_000)]
    public async Task A_loopback_page_is_refused_and_never_contacted_and_the_model_reads_why(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var codex = await CodexGateway.StartAsync(WebToolsChecks.On());
        codex.Upstream.FunctionCalls = [("mcp__w", "web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        codex.Upstream.ReplyText = Answer;

        using var response = await codex.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.Zero);
        Assert.That(LastFunctionOutput(ResponsesCalls(codex.Upstream)[^1]), Does.Contain("private, loopback or link-local").And.Contain("WEB_FETCH_ALLOW_PRIVATE is off"));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_agent_request_with_its_own_tools_is_offered_no_web_tools_under_chat(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync(WebToolsChecks.On());

        using var response = await codex.Client.PostAsync(WebToolsChecks.AgentRequest(Model), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        var tools = JsonDocument.Parse(ResponsesCalls(codex.Upstream)[0].Body).RootElement.GetProperty("tools").EnumerateArray().ToList();
        Assert.That(tools.Any(t => t.GetProperty("type").GetString() == "web_search"), Is.False);
        Assert.That(tools.Single(t => t.GetProperty("type").GetString() == "namespace").GetProperty("tools").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "read_file" }));
    }

    private static List<RecordedRequest> ResponsesCalls(FakeOpenAiServer upstream) =>
        [.. upstream.Requests.Where(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/responses", StringComparison.Ordinal))];

    /// <summary>The output of the call's last input item when it is a function_call_output, as text; else null.</summary>
    private static string? LastFunctionOutput(RecordedRequest call)
    {
        var last = (JsonNode.Parse(call.Body)?["input"] as JsonArray)?.LastOrDefault();
        if (last?["type"]?.GetValue<string>() != "function_call_output") return null;
        return last["output"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
            _ => last["output"]?.ToJsonString(),
        };
    }
}
