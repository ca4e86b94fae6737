using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Responses;

/// <summary>Every body the Responses endpoint cannot run is a 4xx in OpenAI's error shape, naming the field.</summary>
public sealed class ResponsesBadRequestTests : SharedGatewayFixture
{
    [TestCase("""{"input":"hi"}""", 400, "model")]
    [TestCase("""{"model":"claude-sonnet-4-5"}""", 400, "input")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":42}""", 400, "input")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":[1]}""", 400, "input[0]")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":[{"role":"robot","content":"x"}]}""", 400, "input[0].role")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":[{"role":"user","content":[{"type":"input_audio"}]}]}""", 400, "input[0].content[0].type")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]}""", 400, "input[0].content[0].image_url")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":[{"type":"function_call_output","output":"x"}]}""", 400, "input[0].call_id")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","tools":[{"type":"function"}]}""", 400, "tools[0].name")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","tools":[{"type":"function","name":"a"},{"type":"custom","name":"a"}]}""", 400, "tools[1].name")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","tool_choice":"sometimes"}""", 400, "tool_choice")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","tool_choice":{"type":"function","name":"nope"}}""", 400, "tool_choice.name")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","max_output_tokens":0}""", 400, "max_output_tokens")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","temperature":3}""", 400, "temperature")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","reasoning":{"effort":"extreme"}}""", 400, "reasoning.effort")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","text":{"format":{"type":"yaml"}}}""", 400, "text.format.type")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","text":{"format":{"type":"json_schema","name":"x"}}}""", 400, "text.format.schema")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","previous_response_id":"not-an-id"}""", 400, "previous_response_id")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","previous_response_id":"resp_unknown"}""", 404, "previous_response_id")]
    [TestCase("""{"model":"claude-sonnet-4-5","input":"hi","stream":"yes"}""", 400, "stream")]
    [TestCase("""{"model":"no-such-model","input":"hi"}""", 404, "model")]
    [TestCase("""not json""", 400, null)]
    [CancelAfter(60_000)]
    public async Task A_bad_body_is_a_4xx_in_OpenAIs_shape(string body, int status, string? param, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostRawAsync(body, "v1/responses", cancellationToken: cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("param").ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("param").GetString(), Is.EqualTo(param));
    }

    [Test, CancelAfter(60_000)]
    public async Task Codexs_default_request_with_hosted_tools_and_unknown_fields_runs(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","instructions":"You are Codex.","store":false,"stream":true,
             "include":["reasoning.encrypted_content"],"prompt_cache_key":"abc","reasoning":{"effort":"medium","summary":"auto"},
             "tool_choice":"auto","parallel_tool_calls":false,"text":{"verbosity":"low"},"service_tier":"flex","client_metadata":{"x":1},
             "tools":[{"type":"function","name":"shell","parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}}}},
                      {"type":"web_search"},{"type":"local_shell"},{"type":"image_generation"}],
             "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions/>"}]},
                      {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"opaque"},
                      {"type":"web_search_call","id":"ws_1","status":"completed"},
                      {"type":"message","role":"user","content":[{"type":"input_text","text":"FAKE:reply Ready"}]}]}
            """)!;

        using var response = await gateway.Client.PostResponsesAsync(body, cancellationToken);
        var events = await ResponsesRequests.EventsAsync(response, cancellationToken);
        using var debug = await gateway.Client.PostResponsesAsync(body, cancellationToken, "v1/debug/responses");
        var view = await debug.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events[^1].Name, Is.EqualTo("response.completed"));
        Assert.That(events[^1].Data.GetProperty("response").GetProperty("store").GetBoolean(), Is.False);
        Assert.That(view.GetProperty("dialect").GetString(), Is.EqualTo("openai-responses"));
        Assert.That(view.GetProperty("dropped_tools").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "web_search", "local_shell", "image_generation" }));
        Assert.That(view.GetProperty("tool_names").EnumerateObject().Select(p => p.Value.GetString()), Does.Contain("shell"));
    }
}
