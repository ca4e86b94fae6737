using System.Net;
using System.Text.Json;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Web tools in chat with the real Claude Code: the model's web_fetch is run by the gateway inside
/// the turn (its text reaches the model's next call, the answer reaches the client), a loopback page
/// is refused and never contacted unless WEB_FETCH_ALLOW_PRIVATE, and an agent request is offered none.
/// </summary>
public sealed class ClaudeWebToolsTests
{
    private const string Answer = "High water is at 14:07 today.";

    [Test, CancelAfter(180_000)]
    public async Task A_fetched_pages_text_reaches_the_models_next_call_and_the_answer_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var claude = await ClaudeGateway.StartAsync(WebToolsChecks.On(allowPrivate: true));
        claude.Upstream.ToolUse = ("mcp__w__web_fetch", WebToolsChecks.UrlArguments(page.Url));
        claude.Upstream.ReplyText = Answer;

        using var response = await claude.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}"), cancellationToken);
        var json = await response.JsonAsync();

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.EqualTo(1));

        var calls = ModelCalls(claude.Upstream);
        Assert.That(calls, Has.Count.EqualTo(2), "the turn went on after the fetch: one more model call with its result");
        Assert.That(ToolNames(calls[0]), Does.Contain("mcp__w__web_fetch").And.Contain("WebSearch").And.No.Contain("WebFetch"));
        var result = LastToolResult(calls[1]);
        Assert.That(result.IsError, Is.False);
        WebToolsChecks.PageTextArrived(result.Text);
        // Claude Code's result counts every model call of the turn: the two calls' input tokens together.
        var inputTokens = calls.Sum(c => Math.Max(1, c.Body.Length / 4));
        Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(inputTokens));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_loopback_page_is_refused_and_never_contacted_and_the_model_reads_why(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var claude = await ClaudeGateway.StartAsync(WebToolsChecks.On());
        claude.Upstream.ToolUse = ("mcp__w__web_fetch", WebToolsChecks.UrlArguments(page.Url));
        claude.Upstream.ReplyText = Answer;

        using var response = await claude.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = string.Concat(events.Where(e => e.Json is { } j && j.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json!.Value.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty("content").GetString()));
        Assert.That(text, Is.EqualTo(Answer));
        Assert.That(events[^1].IsDone, Is.True);
        Assert.That(page.Hits, Is.Zero, "the loopback page was never contacted");
        var result = LastToolResult(ModelCalls(claude.Upstream)[1]);
        Assert.That(result.IsError, Is.True);
        Assert.That(result.Text, Does.Contain("private, loopback or link-local").And.Contain("WEB_FETCH_ALLOW_PRIVATE is off"));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_agent_request_with_its_own_tools_is_offered_no_web_tools_under_chat(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync(WebToolsChecks.On());

        using var response = await claude.Client.PostAsync(WebToolsChecks.AgentRequest("claude-sonnet-4-5"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(ToolNames(ModelCalls(claude.Upstream)[0]), Is.EqualTo(new[] { "mcp__w__read_file" }));
    }

    private static List<RecordedRequest> ModelCalls(FakeAnthropicServer upstream) =>
        [.. upstream.Requests.Where(r => r.IsModelCall)];

    private static List<string> ToolNames(RecordedRequest call) =>
        [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    /// <summary>The tool_result block of the call's last user message: its text and is_error.</summary>
    private static (string Text, bool IsError) LastToolResult(RecordedRequest call)
    {
        var messages = JsonDocument.Parse(call.Body).RootElement.GetProperty("messages");
        var block = messages.EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content")
            .EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_result");
        var content = block.GetProperty("content");
        var text = content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : ""));
        return (text, block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True);
    }
}
