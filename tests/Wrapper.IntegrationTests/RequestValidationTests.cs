using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>Bad input is a 4xx naming the field, and the server keeps serving.</summary>
public sealed class RequestValidationTests : SharedGatewayFixture
{
    private static readonly TestCaseData[] BadBodies =
    [
        new("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}", null) { TestName = "Malformed JSON" },
        new("[1,2,3]", null) { TestName = "A body that is not an object" },
        new("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model") { TestName = "No model" },
        new("{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model") { TestName = "A model that is not a string" },
        new("{\"model\":\"claude-x\",\"messages\":[]}", "messages") { TestName = "Empty messages" },
        new("{\"model\":\"claude-x\",\"messages\":\"hi\"}", "messages") { TestName = "Messages that are not an array" },
        new("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", "messages[0].role") { TestName = "An unknown role" },
        new("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content") { TestName = "Content that is a number" },
        new("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}", "messages[0].content[0].type") { TestName = "An unsupported part type" },
        new("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"system\",\"content\":\"only a system prompt\"}]}", "messages") { TestName = "No user message" },
        new("{\"model\":\"claude-x\",\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"no name\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "tools[0].function.name") { TestName = "A tool without a name" },
        new("{\"model\":\"claude-x\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "tool_choice") { TestName = "A tool_choice naming a tool that is not offered" },
        new("{\"model\":\"claude-x\",\"tool_choice\":\"always\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "tool_choice") { TestName = "An unknown tool_choice" },
        new("{\"model\":\"claude-x\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "stream") { TestName = "A stream flag that is not a boolean" },
    ];

    [TestCaseSource(nameof(BadBodies))]
    [CancelAfter(60_000)]
    public async Task A_bad_body_is_a_400_naming_the_field_and_the_server_keeps_serving(string body, string? param, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostRawAsync(body, cancellationToken: cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        if (param is null) Assert.That(error.GetProperty("param").ValueKind, Is.EqualTo(JsonValueKind.Null).Or.EqualTo(JsonValueKind.String));
        else Assert.That(error.GetProperty("param").GetString(), Is.EqualTo(param));
        using var health = await gateway.Client.GetAsync("health", cancellationToken);
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task Real_client_bodies_are_accepted_with_nulls_parts_unknown_fields_and_minus_one_max_tokens(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = """
        {"model":"claude-sonnet-4-5","temperature":0,"max_completion_tokens":-1,"user":"u1","stream":false,
         "stream_options":{"include_usage":true},"some_future_field":{"x":1},
         "messages":[
           {"role":"system","content":[{"type":"text","text":"sys","cache_control":{"type":"ephemeral"}}]},
           {"role":"user","content":[{"type":"text","text":"<task>hi</task>"}]},
           {"role":"assistant","content":null},
           {"role":"user","content":"FAKE:reply fine"}]}
        """;

        using var response = await gateway.Client.PostRawAsync(body, cancellationToken: cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_oversized_body_is_refused_with_413(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MAX_REQUEST_BODY_BYTES"] = "4096" });

        using var response = await gateway.Client.PostRawAsync(ChatRequests.Body(new string('a', 20_000)).ToJsonString(), cancellationToken: cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("request_too_large"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("MAX_REQUEST_BODY_BYTES"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_wrong_method_on_a_real_route_is_405_and_an_unknown_route_404_both_OpenAI_shaped(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var wrongMethod = await gateway.Client.GetAsync("v1/chat/completions", cancellationToken);
        using var unknown = await gateway.Client.GetAsync("v1/nothing-here", cancellationToken);

        Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That((await wrongMethod.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("method_not_allowed"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await unknown.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("not_found"));
    }
}
