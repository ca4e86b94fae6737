using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Web tools in chat with each real CLI: the model's web_fetch is run by the gateway inside the turn
/// (the page's text reaches the model's next call, the answer reaches the client), a loopback page is
/// refused and never contacted unless WEB_FETCH_ALLOW_PRIVATE (the model reads why, the client gets
/// the answer streamed), and an agent request with its own tools is offered no web tool.
/// </summary>
[TestFixture("claude")]
[TestFixture("gemini")]
[TestFixture("qwen")]
[TestFixture("codex")]
public sealed class WebToolsTests(string name)
{
    private const string Answer = "High water is at 14:07 today.";
    private readonly WebToolsCli _cli = WebToolsCli.Named(name);

    [Test, CancelAfter(180_000)]
    public async Task A_fetched_pages_text_reaches_the_models_next_call_and_the_answer_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var run = await _cli.StartAsync(WebToolsChecks.On(allowPrivate: true));
        run.FetchThenAnswer(page.Url, Answer);

        using var response = await run.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", model: _cli.Model), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        WebToolsChecks.AnswerArrived(response, json, Answer);
        Assert.That(page.Hits, Is.EqualTo(1));
        run.CheckChatTools();
        var result = run.LastToolResult();
        if (result.IsError is { } isError) Assert.That(isError, Is.False, "the fetch succeeded");
        WebToolsChecks.PageTextArrived(result.Text);
        if (run.TurnPromptTokens() is { } promptTokens)
            Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(promptTokens), "the CLI counts every model call of the turn");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_loopback_page_is_refused_and_never_contacted_and_the_model_reads_why(CancellationToken cancellationToken)
    {
        await using var page = await FakeWebPage.StartAsync();
        await using var run = await _cli.StartAsync(WebToolsChecks.On());
        run.FetchThenAnswer(page.Url, Answer);

        using var response = await run.Client.PostAsync(ChatRequests.Body($"When is high water? See {page.Url}", stream: true, model: _cli.Model), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        WebToolsChecks.StreamedAnswerArrived(response, events, Answer);
        Assert.That(page.Hits, Is.Zero, "the loopback page was never contacted");
        var result = run.LastToolResult();
        if (result.IsError is { } isError) Assert.That(isError, Is.True, "the refusal is the tool's error");
        Assert.That(result.Text, Does.Contain("private, loopback or link-local").And.Contain("WEB_FETCH_ALLOW_PRIVATE is off"));
    }

    [Test, CancelAfter(180_000)]
    public async Task An_agent_request_with_its_own_tools_is_offered_no_web_tools_under_chat(CancellationToken cancellationToken)
    {
        await using var run = await _cli.StartAsync(WebToolsChecks.On());

        using var response = await run.Client.PostAsync(WebToolsChecks.AgentRequest(_cli.Model), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        run.CheckAgentTools();
    }
}
