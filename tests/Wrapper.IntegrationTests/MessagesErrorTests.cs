using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Every refusal on the Messages routes is Anthropic's error, <c>{"type":"error","error":{"type","message"}}</c>
/// with the type for its status (https://docs.anthropic.com/en/api/errors), whether the endpoint or a
/// middleware before it wrote it.
/// </summary>
public sealed class MessagesErrorTests : SharedGatewayFixture
{
    private const string Ok = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]""";

    [TestCase("", "not valid")]
    [TestCase("{", "not valid")]
    [TestCase("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Field required")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [TestCase("""{"max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""", "model: Field required")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[]}""", "messages")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[null]}""", "messages.0")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"tool","content":"Hi"}]}""", "messages.0.role")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user"}]}""", "messages.0.content")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]}""", "'document'")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file"}}]}]}""", "messages.0.content.0.source")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]}""", "tool_use_id")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[7]}]}""", "content[0]")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"temperature":1.5,"messages":[{"role":"user","content":"Hi"}]}""", "temperature")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"top_p":2,"messages":[{"role":"user","content":"Hi"}]}""", "top_p")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"top_k":-1,"messages":[{"role":"user","content":"Hi"}]}""", "top_k")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"stop_sequences":[""],"messages":[{"role":"user","content":"Hi"}]}""", "stop_sequences.0")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tool_choice":{"type":"any"},"messages":[{"role":"user","content":"Hi"}]}""", "tool_choice")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tool_choice":{"type":"tool","name":"nope"},"tools":[{"name":"a","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Hi"}]}""", "'nope'")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tool_choice":{"type":"sometimes"},"messages":[{"role":"user","content":"Hi"}]}""", "tool_choice.type")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"a","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Hi"}]}""", "unique")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"Hi"}]}""", "server tools")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":64,"tools":[{"name":"a","input_schema":"x"}],"messages":[{"role":"user","content":"Hi"}]}""", "input_schema")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":100},"messages":[{"role":"user","content":"Hi"}]}""", "budget_tokens")]
    [TestCase("""{"model":"claude-sonnet-4-5","max_tokens":"many","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [CancelAfter(60_000)]
    public async Task Every_bad_body_is_a_400_invalid_request_error(string body, string mentions, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesRawAsync(body, cancellationToken);

        await AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", mentions);
    }

    [Test, CancelAfter(60_000)]
    public async Task An_unknown_model_is_a_404_not_found_error_naming_served_models(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesRawAsync(Ok.Replace("claude-sonnet-4-5", "no-such-model", StringComparison.Ordinal) + "}", cancellationToken);

        await AssertAnthropicErrorAsync(response, HttpStatusCode.NotFound, "not_found_error", "no-such-model");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_body_that_is_not_JSON_is_refused_in_Anthropics_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesRawAsync(Ok + "}", cancellationToken, contentType: "text/plain");

        await AssertAnthropicErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "invalid_request_error", "application/json");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_body_over_the_size_limit_is_a_413_request_too_large(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MAX_REQUEST_BODY_BYTES"] = "2000" });

        using var response = await gateway.Client.PostMessagesRawAsync(Ok.Replace("Hi", new string('x', 5000), StringComparison.Ordinal) + "}", cancellationToken);

        await AssertAnthropicErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large", "MAX_REQUEST_BODY_BYTES");
    }

    [Test, CancelAfter(60_000)]
    public async Task The_gateway_key_is_taken_from_x_api_key_and_a_wrong_one_is_a_401_authentication_error(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["API_KEY"] = "sk-gateway-key-for-tests" });
        gateway.Client.DefaultRequestHeaders.Authorization = null;

        gateway.Client.DefaultRequestHeaders.Remove("x-api-key");
        gateway.Client.DefaultRequestHeaders.Add("x-api-key", "wrong");
        using (var refused = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Hi")), cancellationToken))
            await AssertAnthropicErrorAsync(refused, HttpStatusCode.Unauthorized, "authentication_error", "x-api-key");

        gateway.Client.DefaultRequestHeaders.Remove("x-api-key");
        gateway.Client.DefaultRequestHeaders.Add("x-api-key", "sk-gateway-key-for-tests");
        using var served = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Hi")), cancellationToken);
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await served.JsonAsync(cancellationToken)).GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Hi"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_client_over_the_rate_limit_gets_a_429_rate_limit_error_with_retry_after(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true", ["RATE_LIMIT_CHAT_PER_MINUTE"] = "1" });

        using (var first = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Hi")), cancellationToken))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var second = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Hi")), cancellationToken);

        Assert.That(second.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
        await AssertAnthropicErrorAsync(second, HttpStatusCode.TooManyRequests, "rate_limit_error", "RATE_LIMIT_CHAT_PER_MINUTE");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_wrong_method_on_the_messages_route_is_a_405_in_Anthropics_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.GetAsync("v1/messages", cancellationToken);

        await AssertAnthropicErrorAsync(response, HttpStatusCode.MethodNotAllowed, "invalid_request_error", "GET");
    }

    [Test, CancelAfter(60_000)]
    public async Task The_chat_route_keeps_OpenAIs_error_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostRawAsync("{}", cancellationToken: cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.TryGetProperty("type", out _), Is.False);
        Assert.That(json.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("model"));
    }

    internal static async Task AssertAnthropicErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var json = JsonDocument.Parse(text).RootElement;
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("error"), text);
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo(type), text);
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Does.Contain(mentions), text);
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "type", "error" }));
    }
}
