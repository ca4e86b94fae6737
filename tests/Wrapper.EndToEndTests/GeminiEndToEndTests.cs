using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>The gateway with the real Gemini CLI 0.61.0 against a fake Gemini API.</summary>
public sealed class GeminiEndToEndTests
{
    private const string Model = "gemini-2.5-flash";

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_answer_arrives_as_deltas_with_usage_and_done(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.ReplyText = "Streamed through the real Gemini CLI";
        gemini.Upstream.CachedTokens = 7;
        var clock = Stopwatch.StartNew();

        using var response = await gemini.Client.PostAsync(ChatRequests.Body("Say something", stream: true, includeUsage: true, model: Model, system: "Be brief."), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);
        TestContext.Out.WriteLine($"streamed answer in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var contents = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : "").Where(t => t is { Length: > 0 }).ToList();
        Assert.That(string.Concat(contents), Is.EqualTo("Streamed through the real Gemini CLI"));
        Assert.That(contents, Has.Count.GreaterThan(1), "deltas, not one block");
        var usage = chunks[^1].GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.GreaterThan(0));
        Assert.That(events[^1].IsDone, Is.True);

        var call = gemini.Upstream.Requests.Single(r => r.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal));
        Assert.That(call.Path, Does.Contain($"/models/{Model}:"), "the requested model, no router call");
        Assert.That(gemini.Upstream.ModelCallCount, Is.EqualTo(1));
        using var body = JsonDocument.Parse(call.Body);
        Assert.That(body.RootElement.GetProperty("systemInstruction").GetRawText(), Does.Contain("Be brief."));
        Assert.That(body.RootElement.GetProperty("contents").GetRawText(), Does.Contain("Say something"));
        var tools = body.RootElement.TryGetProperty("tools", out var t) ? t.GetRawText() : "[]";
        Assert.That(tools, Does.Not.Contain("run_shell_command").And.Not.Contain("write_file"), "the CLI's own tools are off");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_non_streamed_answer_is_a_chat_completion_and_the_alias_uses_GEMINI_MODEL(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync(new Dictionary<string, string?> { ["GEMINI_MODEL"] = "gemini-2.5-pro" });
        gemini.Upstream.ReplyText = "Non-streamed answer";

        using var response = await gemini.Client.PostAsync(ChatRequests.Body("Answer please", model: "gemini-default"), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Non-streamed answer"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("gemini-2.5-pro"), "the answer names the model that served the alias");
        Assert.That(gemini.Upstream.Requests.Single().Path, Does.Contain("/models/gemini-2.5-pro:"));
    }
}
