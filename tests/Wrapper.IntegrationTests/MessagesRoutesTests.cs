using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>count_tokens, the models list for Anthropic's clients, and /v1/debug/request for Messages bodies.</summary>
public sealed class MessagesRoutesTests : SharedGatewayFixture
{
    [TestCase("v1/messages/count_tokens")]
    [TestCase("v1/messages/count_tokens?beta=true")]
    [TestCase("messages/count_tokens")]
    [CancelAfter(60_000)]
    public async Task Count_tokens_estimates_the_input_and_grows_with_it(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var small = MessagesRequests.Body("Hello");
        small.Remove("max_tokens"); // count_tokens takes no max_tokens
        var large = MessagesRequests.Body(string.Join(' ', Enumerable.Repeat("Hello world", 400)));

        using var smallResponse = await gateway.Client.PostMessagesAsync(small, cancellationToken, path);
        using var largeResponse = await gateway.Client.PostMessagesAsync(large, cancellationToken, path);
        var smallJson = await smallResponse.JsonAsync(cancellationToken);
        var largeJson = await largeResponse.JsonAsync(cancellationToken);

        Assert.That(smallResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), smallJson.ToString());
        Assert.That(smallJson.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "input_tokens" }));
        Assert.That(smallJson.GetProperty("input_tokens").GetInt32(), Is.InRange(1, 10));
        Assert.That(largeJson.GetProperty("input_tokens").GetInt32(), Is.InRange(1000, 1300), "4,399 characters at about 4 a token");
    }

    [Test, CancelAfter(60_000)]
    public async Task Count_tokens_refuses_a_bad_body_in_Anthropics_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesRawAsync("""{"model":"claude-sonnet-4-5","messages":[]}""", cancellationToken, "v1/messages/count_tokens");

        await MessagesErrorTests.AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages");
    }

    [Test, CancelAfter(60_000)]
    public async Task The_models_list_is_in_Anthropics_shape_when_the_request_carries_anthropic_version(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("anthropic-version", MessagesRequests.Version);

        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        using var openAi = await gateway.Client.GetAsync("v1/models", cancellationToken);
        var openAiIds = (await openAi.JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.That(data.Select(m => m.GetProperty("id").GetString()), Is.EqualTo(openAiIds), "the same models as OpenAI's list");
        Assert.That(data, Is.Not.Empty);
        foreach (var model in data)
        {
            Assert.That(model.GetProperty("type").GetString(), Is.EqualTo("model"));
            Assert.That(model.GetProperty("display_name").GetString(), Is.Not.Empty);
            Assert.That(DateTimeOffset.TryParse(model.GetProperty("created_at").GetString(), out _), Is.True);
        }
        Assert.That(json.GetProperty("has_more").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("first_id").GetString(), Is.EqualTo(openAiIds[0]));
        Assert.That(json.GetProperty("last_id").GetString(), Is.EqualTo(openAiIds[^1]));
    }

    [Test, CancelAfter(60_000)]
    public async Task Debug_request_explains_a_Messages_body_sent_with_anthropic_version(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MODEL_MAP"] = "claude-haiku-*=gemini-2.5-flash" });
        var body = MessagesApiTests.WithReadFileTool(MessagesRequests.Body("Hi", model: "claude-haiku-4-5"));

        using var response = await gateway.Client.PostMessagesAsync(body, cancellationToken, "v1/debug/request");
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("dialect").GetString(), Is.EqualTo("anthropic-messages"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("claude-haiku-4-5"));
        Assert.That(json.GetProperty("routed_model").GetString(), Is.EqualTo("gemini-2.5-flash"));
        Assert.That(json.GetProperty("provider").GetString(), Is.EqualTo("gemini"));
        Assert.That(json.GetProperty("tool_protocol").GetString(), Is.EqualTo("native"));

        using var bad = await gateway.Client.PostMessagesRawAsync("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hi"}]}""", cancellationToken, "v1/debug/request");
        await MessagesErrorTests.AssertAnthropicErrorAsync(bad, HttpStatusCode.BadRequest, "invalid_request_error", "max_tokens");
    }
}
