using System.Net;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// With the real CLIs: a Codex process started ahead of the request (it initialises, then waits for
/// its prompt on stdin) answers the next one, once. Gemini CLI and Qwen Code stop waiting for piped
/// input 500 ms after they initialise, so they are never started ahead (README "Warm processes").
/// </summary>
public sealed class PreStartedCliTests
{
    [TestCase("codex", "gpt-5.1-codex")]
    [CancelAfter(180_000)]
    public async Task The_next_request_is_served_by_a_pre_started_CLI_that_saw_nothing_of_the_first(string cli, string model, CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        var settings = WarmPoolSettings.On(new Dictionary<string, string?> { ["WARM_POOL_PROVIDERS"] = cli });
        await using var gateway = await StartAsync(cli, settings);
        var (client, requests, reply) = gateway;

        await AskAsync(client, model, "Remember the code word alpha-canary-7731.", reply, cancellationToken);
        var next = ChatRequests.Body("x", model: model, system: "You are terse.");
        Assert.That(await client.EventuallyReadyAsync(next, 1), Is.True, "a process for the same key waits");
        Assert.That((await client.ViewAsync(next)).GetProperty("strategy").GetString(), Is.EqualTo("pre-start"));
        await Task.Delay(4000, cancellationToken); // a pre-started process still waits seconds later
        await AskAsync(client, model, "Which code word did I give you?", reply, cancellationToken);

        var calls = requests().Where(r => r.Method == "POST" && r.Body.Contains("code word", StringComparison.Ordinal)).ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(calls[1].Body, Does.Not.Contain("alpha-canary-7731"));
        Assert.That(await client.EventuallyReadyAsync(next, 1), Is.True, "a used process is replaced, never reused");
        // The request log line is written once the response is complete: wait for the second one.
        List<string> Lines() => [.. capture.Text.Split('\n').Where(l => l.StartsWith("POST /v1/chat/completions 200", StringComparison.Ordinal))];
        Assert.That(await Processes.EventuallyAsync(() => Lines().Count == 2), Is.True);
        Assert.That(Lines()[0], Does.Contain("cli=cold"));
        Assert.That(Lines()[1], Does.Contain("cli=pre-started"), "the second request found its CLI started");
    }

    [TestCase("gemini", "gemini-2.5-flash")]
    [TestCase("qwen", "qwen-2.5-flash")]
    [CancelAfter(180_000)]
    public async Task Gemini_CLI_and_Qwen_Code_start_cold_even_when_named_in_WARM_POOL_PROVIDERS(string cli, string model, CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        var settings = WarmPoolSettings.On(new Dictionary<string, string?> { ["WARM_POOL_PROVIDERS"] = cli });
        await using var gateway = await StartAsync(cli, settings);
        var (client, _, reply) = gateway;

        await AskAsync(client, model, "First question.", reply, cancellationToken);
        var next = ChatRequests.Body("x", model: model, system: "You are terse.");
        Assert.That((await client.ViewAsync(next)).GetProperty("strategy").GetString(), Is.EqualTo("cold"), "no process is started ahead to die waiting");
        await AskAsync(client, model, "Second question.", reply, cancellationToken);

        List<string> Lines() => [.. capture.Text.Split('\n').Where(l => l.StartsWith("POST /v1/chat/completions 200", StringComparison.Ordinal))];
        Assert.That(await Processes.EventuallyAsync(() => Lines().Count == 2), Is.True);
        Assert.That(Lines(), Is.All.Contains("cli=cold"));
    }

    private static async Task AskAsync(HttpClient client, string model, string text, string reply, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(ChatRequests.Body(text, model: model, system: "You are terse."), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(reply));
    }

    private static async Task<Started> StartAsync(string cli, Dictionary<string, string?> settings)
    {
        switch (cli)
        {
            case "gemini":
                var gemini = await GeminiGateway.StartAsync(settings);
                return new Started(gemini, gemini.Client, () => gemini.Upstream.Requests, gemini.Upstream.ReplyText);
            case "qwen":
                var qwen = await QwenGateway.StartAsync(settings);
                return new Started(qwen, qwen.Client, () => qwen.Upstream.Requests, qwen.Upstream.ReplyText);
            default:
                var codex = await CodexGateway.StartAsync(settings);
                return new Started(codex, codex.Client, () => codex.Upstream.Requests, codex.Upstream.ReplyText);
        }
    }

    private sealed record Started(IAsyncDisposable Gateway, HttpClient Client, Func<IReadOnlyList<RecordedRequest>> Requests, string Reply) : IAsyncDisposable
    {
        public void Deconstruct(out HttpClient client, out Func<IReadOnlyList<RecordedRequest>> requests, out string reply) =>
            (client, requests, reply) = (Client, Requests, Reply);

        public ValueTask DisposeAsync() => Gateway.DisposeAsync();
    }
}
