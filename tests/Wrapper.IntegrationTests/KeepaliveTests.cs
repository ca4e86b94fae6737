using System.Net;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Wrapper.IntegrationTests;

/// <summary>Long requests stay alive: SSE comments in streams, leading whitespace in JSON answers.</summary>
public sealed class KeepaliveTests : SharedGatewayFixture
{
    private static readonly Dictionary<string, string?> FastKeepalive = new() { ["SSE_KEEPALIVE_INTERVAL"] = "0.3" };

    [Test, CancelAfter(60_000)]
    public async Task A_silent_CLI_gets_keepalive_comments_between_events_and_none_after_done(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(FastKeepalive);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 1500", "reply late answer"), stream: true), cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        var events = raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(events.Count(e => e == ": keepalive"), Is.GreaterThanOrEqualTo(2), raw);
        Assert.That(events.All(e => e == ": keepalive" || (e.StartsWith("data: ", StringComparison.Ordinal) && !e.Contains('\n'))), Is.True,
            "every event is one data line or one comment: a comment never lands inside an event");
        Assert.That(events[^1], Is.EqualTo("data: [DONE]"));
        var firstContent = Array.FindIndex(events, e => e.Contains("late", StringComparison.Ordinal));
        Assert.That(Array.IndexOf(events, ": keepalive"), Is.LessThan(firstContent), "the comments filled the silence");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_long_non_streamed_answer_is_preceded_by_whitespace_and_still_parses(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(FastKeepalive);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 1500", "reply patient answer")), cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(raw, Does.StartWith("\n"));
        Assert.That(System.Text.Json.JsonDocument.Parse(raw).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            Is.EqualTo("patient answer"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_quick_error_keeps_its_status_even_with_keepalives_on(CancellationToken cancellationToken)
    {
        // Quick means before the first keepalive: 2 s leaves room for a CLI start on a busy machine.
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["SSE_KEEPALIVE_INTERVAL"] = "2" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("error 401")), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_OpenAI_dotnet_SDK_parses_a_kept_alive_answer_and_stream(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(FastKeepalive);
        var client = new ChatClient(ChatRequests.Model, new System.ClientModel.ApiKeyCredential("unused"),
            new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1") });

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(FakeCli.Directives("sleep 1000", "reply after a wait"))], cancellationToken: cancellationToken);
        var streamed = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(FakeCli.Directives("sleep 1000", "reply streamed after a wait"))], cancellationToken: cancellationToken))
            foreach (var part in update.ContentUpdate) streamed.Append(part.Text);

        Assert.That(completion.Content.Single().Text, Is.EqualTo("after a wait"));
        Assert.That(streamed.ToString(), Is.EqualTo("streamed after a wait"));
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(60_000)]
    public async Task The_npm_openai_package_parses_a_kept_alive_answer(bool stream, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(FastKeepalive);

        var result = await NodeOpenAiClient.ChatAsync(gateway, stream, ChatRequests.Model, FakeCli.Directives("sleep 1000", "reply node waited", "usage in=4 out=2"));

        Assert.That(result.TryGetProperty("error", out var error), Is.False, error.ToString());
        Assert.That(result.GetProperty("content").GetString(), Is.EqualTo("node waited"));
        Assert.That(result.GetProperty("finish").GetString(), Is.EqualTo("stop"));
        Assert.That(result.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(6));
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(60_000)]
    public async Task A_client_that_gives_up_after_one_silent_second_still_gets_a_three_second_answer(bool stream, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(FastKeepalive);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 3000", "reply worth the wait"), stream: stream), cancellationToken);
        var body = await ReadWithIdleTimeoutAsync(response, TimeSpan.FromSeconds(1), cancellationToken);

        // Streamed, the words come as separate deltas; either way the whole answer arrived.
        Assert.That(body, stream ? Does.Contain("\"wait\"").And.EndsWith("data: [DONE]\n\n") : Does.Contain("worth the wait"));
    }

    /// <summary>Reads like a client with an idle timeout: any gap longer than <paramref name="idle"/> fails.</summary>
    private static async Task<string> ReadWithIdleTimeoutAsync(HttpResponseMessage response, TimeSpan idle, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(idle);
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) return text.ToString();
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
