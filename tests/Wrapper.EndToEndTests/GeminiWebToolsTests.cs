using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>Web tools in chat with the real Gemini CLI: the gateway's web_fetch inside the turn, and only the hosted search of its own tools.</summary>
public sealed class GeminiWebToolsTests
{
    private const string Model = "gemini-2.5-flash";
    private const string Answer = "High water is at 14:07 today.";

    [Test, CancelAfter(180_000)]
    public async Task A_fetched_pages_text_reaches_the_models_next_call_and_the_answer_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var gemini = await GeminiGateway.StartAsync(WebToolsChecks.On(allowPrivate: true));
        gemini.Upstream.FunctionCalls = [new("mcp_w_web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        gemini.Upstream.ReplyText = Answer;

        using var response = await gemini.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.EqualTo(1));
        var requests = gemini.Upstream.Requests;
        Assert.That(Declared(requests[0].Body), Is.EquivalentTo(new[] { "mcp_w_web_fetch", "google_web_search" }), "of the CLI's own tools only the hosted search");
        WebToolsChecks.PageTextArrived(FunctionResponse(requests.Last(r => FunctionResponse(r.Body) is not null).Body)!);
        // The CLI's final stats count every model call of the turn.
        var promptTokens = requests.Sum(r => Math.Max(1, r.Body.Length / 4));
        Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(promptTokens));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_loopback_page_is_refused_and_never_contacted_and_the_model_reads_why(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var gemini = await GeminiGateway.StartAsync(WebToolsChecks.On());
        gemini.Upstream.FunctionCalls = [new("mcp_w_web_fetch", WebToolsChecks.UrlArguments(page.Url))];
        gemini.Upstream.ReplyText = Answer;

        using var response = await gemini.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: Model), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.Zero);
        var result = FunctionResponse(gemini.Upstream.Requests.Last(r => FunctionResponse(r.Body) is not null).Body);
        Assert.That(result, Does.Contain("private, loopback or link-local").And.Contain("WEB_FETCH_ALLOW_PRIVATE is off"));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_agent_request_with_its_own_tools_is_offered_no_web_tools_under_chat(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync(WebToolsChecks.On());

        using var response = await gemini.Client.PostAsync(WebToolsChecks.AgentRequest(Model), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(Declared(gemini.Upstream.Requests[0].Body), Is.EqualTo(new[] { "mcp_w_read_file" }));
    }

    private static List<string> Declared(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("tools").EnumerateArray()
            .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray()).Select(d => d.GetProperty("name").GetString()!)];

    /// <summary>Every string of the last content's functionResponse parts, joined; null when it has none.</summary>
    private static string? FunctionResponse(string body)
    {
        var parts = (JsonNode.Parse(body)?["contents"] as JsonArray)?.LastOrDefault()?["parts"] as JsonArray;
        var responses = parts?.Select(p => p?["functionResponse"]).Where(r => r is not null).ToList();
        return responses is { Count: > 0 } ? string.Concat(responses.SelectMany(Strings)) : null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
