using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>A non-streamed answer is a chat.completion exactly as OpenAI defines it.</summary>
public sealed class NonStreamingTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_non_streamed_answer_is_an_OpenAI_chat_completion_field_by_field(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply Hello there, friend", "usage in=100 out=7 cache_read=40 cache_creation=10")), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(json.GetProperty("id").GetString(), Does.StartWith("chatcmpl-"));
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
        Assert.That(json.GetProperty("created").GetInt64(), Is.InRange(before - 1, before + 60));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(ChatRequests.Model));
        var choices = json.GetProperty("choices");
        Assert.That(choices.GetArrayLength(), Is.EqualTo(1));
        var choice = choices[0];
        Assert.That(choice.GetProperty("index").GetInt32(), Is.EqualTo(0));
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(choice.GetProperty("message").GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(choice.GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hello there, friend"));
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(150), "input + cache read + cache creation");
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(usage.GetProperty("total_tokens").GetInt32(), Is.EqualTo(157));
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(40));
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(40));
        Assert.That(usage.GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(10));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_route_without_the_v1_prefix_answers_the_same(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostRawAsync(ChatRequests.Body(FakeCli.Directives("reply Same")).ToJsonString(), "chat/completions", cancellationToken: cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Same"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_max_tokens_stop_is_reported_as_finish_reason_length(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply Cut", "max-tokens")), cancellationToken);

        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Thinking_is_returned_as_reasoning_content_and_never_mixed_into_content(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("thinking Let me think", "reply The answer")), cancellationToken);
        var message = (await response.JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("message");

        Assert.That(message.GetProperty("content").GetString(), Is.EqualTo("The answer"));
        Assert.That(message.GetProperty("reasoning_content").GetString(), Is.EqualTo("Let me think"));
        Assert.That(message.GetProperty("reasoning").GetString(), Is.EqualTo("Let me think"), "vLLM's name for it too");
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_the_warm_pool_requests_leave_no_sandbox_behind(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["WARM_POOL_ENABLED"] = "false" });

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply ok")), cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await response.Content.ReadAsStringAsync(cancellationToken);
        }

        // The answer is complete before the cleanup, which follows at once.
        await Processes.EventuallyAsync(() => gateway.LiveSandboxes().Count == 0, TimeSpan.FromSeconds(5));
        Assert.That(gateway.LiveSandboxes(), Is.Empty, () => string.Join(", ", gateway.LiveSandboxes().SelectMany(d => Directory.GetFileSystemEntries(d, "*", SearchOption.AllDirectories))));
    }
}
