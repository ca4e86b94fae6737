using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway with the real Codex (the release package.json pins) against a fake OpenAI Responses API.</summary>
public sealed class CodexEndToEndTests
{
    private const string Model = "gpt-5.1-codex";

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_answer_sends_the_completed_message_then_usage_and_done(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "Streamed through the real Codex";
        codex.Upstream.CachedTokens = 7;
        var clock = Stopwatch.StartNew();

        using var response = await codex.Client.PostAsync(ChatRequests.Body("Say something", stream: true, includeUsage: true, model: Model, system: "Be brief."), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);
        TestContext.Out.WriteLine($"streamed answer in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.That(text, Is.EqualTo("Streamed through the real Codex"));
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(100), "input_tokens already include the cached ones");
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(events[^1].IsDone, Is.True);

        var call = codex.Upstream.Requests.Single(r => r.Path == "/v1/responses");
        using var body = JsonDocument.Parse(call.Body);
        Assert.That(body.RootElement.GetProperty("model").GetString(), Is.EqualTo(Model));
        TestContext.Out.WriteLine($"request {call.Body.Length} bytes, fields: {string.Join(", ", body.RootElement.EnumerateObject().Select(p => p.Name))}");
        // Codex 0.169 sends model_instructions_file's text inside input, not as the instructions field.
        Assert.That(body.RootElement.GetProperty("input").GetRawText(), Does.Contain("Be brief.").And.Contain("Say something"));
        Assert.That(call.Header("Authorization"), Is.Not.Null, "the key from OPENAI_API_KEY");
        var tools = body.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() : t.GetProperty("type").GetString()).ToList();
        TestContext.Out.WriteLine($"tools offered: {string.Join(", ", tools)}");
        // request_user_input has no feature flag in 0.169; in exec mode nobody answers it.
        Assert.That(tools, Is.SubsetOf(new[] { "request_user_input" }), "no shell, browser, web search or agents for the model");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_non_streamed_answer_is_a_chat_completion_and_the_routing_prefix_is_removed(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "Non-streamed answer";

        using var response = await codex.Client.PostAsync(ChatRequests.Body("Answer please", model: "codex-gpt-5.1"), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Non-streamed answer"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("codex-gpt-5.1"));
        Assert.That(JsonDocument.Parse(codex.Upstream.Requests.Single(r => r.Path == "/v1/responses").Body).RootElement.GetProperty("model").GetString(), Is.EqualTo("gpt-5.1"));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_resumed_conversation_offers_the_model_no_tools_of_codex_s_own(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "Your name is Ada.";
        var request = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "My name is Ada." },
                new JsonObject { ["role"] = "assistant", ["content"] = "Hello Ada!" },
                new JsonObject { ["role"] = "user", ["content"] = "What is my name?" }),
        };

        using var response = await codex.Client.PostAsync(request, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));

        using var body = JsonDocument.Parse(codex.Upstream.Requests.Last(r => r.Path == "/v1/responses").Body);
        Assert.That(body.RootElement.GetProperty("input").GetRawText(), Does.Contain("Hello Ada!"), "the earlier turns were resumed");
        var tools = body.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() : t.GetProperty("type").GetString()).ToList();
        TestContext.Out.WriteLine($"tools offered: {string.Join(", ", tools)}");
        // A resumed thread without a turn context got multi_agent_v1 (spawn_agent, ...) whatever --disable said (docs/cli/REPORT.md §11).
        Assert.That(tools, Is.SubsetOf(new[] { "request_user_input" }), "no sub-agents, shell or browser on a resumed turn either");
    }

    [Test, CancelAfter(180_000)]
    public async Task The_model_list_adds_the_models_codex_reports_to_the_catalogue_without_a_network_call(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();

        var ids = (await (await codex.Client.GetAsync("/v1/models", cancellationToken)).JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).ToList();

        Assert.That(ids, Does.Contain("gpt-5.1-codex"), "the configured catalogue (CODEX_MODELS)");
        Assert.That(ids, Does.Contain("gpt-5.5").And.Contain("gpt-6-astra"), "what `codex debug models --bundled` lists");
        Assert.That(ids, Does.Not.Contain("gpt-daybreak-blue-latest").And.Not.Contain("codex-auto-review"), "models Codex hides");
        Assert.That(codex.Upstream.Requests, Is.Empty, "the bundled catalogue needs no network");
    }
}
