using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>The crafted inputs that were 500s, and the sampling fields out of range, are 400s naming the field, on both endpoints.</summary>
public sealed class CraftedInputTests : SharedGatewayFixture
{
    private const string User = """{"role":"user","content":"hi"}""";

    private static IEnumerable<TestCaseData> Bodies()
    {
        foreach (var endpoint in new[] { "v1/chat/completions", "v1/debug/request" })
        {
            TestCaseData Case(string name, string body, string param) => new TestCaseData(endpoint, body, param).SetName($"{name} is a 400 naming {param} ({endpoint})");
            yield return Case("content: [null]", """{"model":"claude-x","messages":[{"role":"user","content":[null]}]}""", "messages[0].content");
            yield return Case("A content part that is a number", """{"model":"claude-x","messages":[{"role":"user","content":[{"type":"text","text":"a"},7]}]}""", "messages[0].content");
            yield return Case("A content part's text that is an object", """{"model":"claude-x","messages":[{"role":"user","content":[{"type":"text","text":{}}]}]}""", "messages[0].content");
            yield return Case("tool_calls: [null]", $$"""{"model":"claude-x","messages":[{{User}},{"role":"assistant","content":null,"tool_calls":[null]},{{User}}]}""", "messages[1].tool_calls[0]");
            yield return Case("tools: [null]", $$"""{"model":"claude-x","tools":[null],"messages":[{{User}}]}""", "tools[0]");
            yield return Case("stream_options that is a string", $$"""{"model":"claude-x","stream_options":"x","messages":[{{User}}]}""", "stream_options");
            yield return Case("n: 2", $$"""{"model":"claude-x","n":2,"messages":[{{User}}]}""", "n");
            yield return Case("n: 0", $$"""{"model":"claude-x","n":0,"messages":[{{User}}]}""", "n");
            yield return Case("temperature: 99", $$"""{"model":"claude-x","temperature":99,"messages":[{{User}}]}""", "temperature");
            yield return Case("temperature: -0.1", $$"""{"model":"claude-x","temperature":-0.1,"messages":[{{User}}]}""", "temperature");
            yield return Case("top_p: 1.5", $$"""{"model":"claude-x","top_p":1.5,"messages":[{{User}}]}""", "top_p");
            yield return Case("presence_penalty: -3", $$"""{"model":"claude-x","presence_penalty":-3,"messages":[{{User}}]}""", "presence_penalty");
            yield return Case("frequency_penalty: 2.5", $$"""{"model":"claude-x","frequency_penalty":2.5,"messages":[{{User}}]}""", "frequency_penalty");
            yield return Case("max_tokens: -5", $$"""{"model":"claude-x","max_tokens":-5,"messages":[{{User}}]}""", "max_tokens");
            yield return Case("max_completion_tokens: -2", $$"""{"model":"claude-x","max_completion_tokens":-2,"messages":[{{User}}]}""", "max_completion_tokens");
            yield return Case("temperature: 1e309", $$"""{"model":"claude-x","temperature":1e309,"messages":[{{User}}]}""", "temperature");
        }
    }

    [TestCaseSource(nameof(Bodies)), CancelAfter(30_000)]
    public async Task A_crafted_body_is_a_400_in_OpenAI_s_shape_naming_the_field(string endpoint, string body, string param, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(endpoint, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), error.ToString());
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo(param));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
    }

    [TestCase(1, 0, -1), TestCase(1, 2, 0), TestCase(1, 1, 4096)]
    [CancelAfter(30_000)]
    public async Task The_edges_of_the_ranges_and_the_no_limit_values_are_accepted(int n, double temperature, int maxTokens, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ChatRequests.Body("hi");
        (body["n"], body["temperature"], body["max_tokens"], body["top_p"], body["presence_penalty"], body["frequency_penalty"]) = (n, temperature, maxTokens, 1, -2, 2);

        using var response = await gateway.Client.PostAsync(body, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static IEnumerable<TestCaseData> Images()
    {
        var bmp = TestImages.Bmp24(2, 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), int.MinValue);
        var tiff = TestTiffs.Build(4, 4, new byte[48]);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 0xFFFF_FFF0);
        foreach (var endpoint in new[] { "v1/chat/completions", "v1/debug/request" })
        {
            yield return new TestCaseData(endpoint, TestImages.DataUrl(bmp, "image/bmp"), "BMP").SetName($"A BMP with a height of -2^31 is a 400 ({endpoint})");
            yield return new TestCaseData(endpoint, TestImages.DataUrl(tiff, "image/tiff"), "TIFF").SetName($"A TIFF whose directory is near 2^32 is a 400 ({endpoint})");
        }
    }

    [TestCaseSource(nameof(Images)), CancelAfter(30_000)]
    public async Task A_crafted_image_is_a_400_naming_the_image_and_why(string endpoint, string url, string format, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        var error = await ImageErrorAsync(gateway, endpoint, url, cancellationToken);

        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("messages[0].content[1]"));
        Assert.That(error.GetProperty("message").GetString(), Does.StartWith($"The image at messages[0].content[1] is a {format} file"));
    }

    [TestCase("v1/chat/completions"), TestCase("v1/debug/request")]
    [CancelAfter(30_000)]
    public async Task An_image_URL_redirecting_to_file_is_a_400_that_says_so(string endpoint, CancellationToken cancellationToken)
    {
        await using var images = await ImageServer.StartAsync();
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["IMAGE_URLS_ALLOW_PRIVATE"] = "true" });

        var error = await ImageErrorAsync(gateway, endpoint, new Uri(images.BaseUrl, "to-file").ToString(), cancellationToken);

        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("image_download_failed"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("redirected to an address that is not an http(s) URL").Or.Contain("redirected to a file: URL"));
    }

    private static async Task<JsonElement> ImageErrorAsync(TestGateway gateway, string endpoint, string url, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = new JsonArray {
                new JsonObject { ["type"] = "text", ["text"] = "look" },
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } } } } },
        };
        using var response = await gateway.Client.PostAsync(endpoint, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
        return json.GetProperty("error");
    }
}
