using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>POST /v1/debug/request shows how a chat request would run, without running it.</summary>
public sealed class DebugRequestTests : SharedGatewayFixture
{
    [TestCase("v1/debug/request")]
    [TestCase("debug/request")]
    [CancelAfter(60_000)]
    public async Task A_valid_request_shows_provider_arguments_and_executable_without_running_the_cli(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = "sk-ant-api03-secret-abcdefghijkl" });

        using var response = await gateway.Client.PostRawAsync(
            ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}")).ToJsonString(), path, cancellationToken: cancellationToken);
        var answer = await response.JsonAsync(cancellationToken);
        var arguments = answer.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.GetProperty("provider").GetString(), Is.EqualTo("claude"));
        Assert.That(answer.GetProperty("cli_model").GetString(), Is.EqualTo(ChatRequests.Model));
        Assert.That(arguments, Does.Contain("--model").And.Contain(ChatRequests.Model));
        Assert.That(answer.GetProperty("executable").GetProperty("found").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("tool_protocol").GetString(), Is.EqualTo("none"));
        Assert.That(answer.ToString(), Does.Not.Contain("sk-ant-api03-secret"));
        Assert.That(Directory.GetFiles(gateway.RecordDirectory), Is.Empty, "the CLI never ran");
        Assert.That(gateway.LiveSandboxes(), Is.Empty, "the throwaway sandbox is gone");
    }

    [TestCase("claude-sonnet-4-5", "mcp__w__read_file")]
    [TestCase("gemini-2.5-flash", "mcp_w_read_file")]
    [TestCase("qwen-coder-plus", "mcp__w__read_file")]
    [CancelAfter(60_000)]
    public async Task Native_tools_show_the_names_the_model_sees_for_each_provider(string model, string cliName, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ChatRequests.Body("Read it", model: model);
        body["tools"] = JsonNode.Parse("""[{"type":"function","function":{"name":"read_file","parameters":{"type":"object"}}}]""");

        using var response = await gateway.Client.PostRawAsync(body.ToJsonString(), "v1/debug/request", cancellationToken: cancellationToken);
        var answer = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.GetProperty("tool_protocol").GetString(), Is.EqualTo("native"));
        Assert.That(answer.GetProperty("tool_names").EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            Is.EqualTo(new[] { (cliName, "read_file") }));
        Assert.That(gateway.LiveSandboxes(), Is.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_missing_executable_is_reported_not_failed(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = "/nonexistent/claude" });

        using var response = await gateway.Client.PostRawAsync(ChatRequests.Body("Hi").ToJsonString(), "v1/debug/request", cancellationToken: cancellationToken);
        var executable = (await response.JsonAsync(cancellationToken)).GetProperty("executable");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(executable.GetProperty("found").GetBoolean(), Is.False);
        Assert.That(executable.GetProperty("path").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_invalid_request_gets_the_same_400_as_the_chat_endpoint(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        const string body = """{"model":"claude-sonnet-4-5","messages":[{"role":"wizard","content":"hi"}]}""";

        using var debug = await gateway.Client.PostRawAsync(body, "v1/debug/request", cancellationToken: cancellationToken);
        using var chat = await gateway.Client.PostRawAsync(body, cancellationToken: cancellationToken);

        Assert.That(debug.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await debug.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo(await chat.Content.ReadAsStringAsync(cancellationToken)));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_XML_detectors_score_and_the_images_found_are_shown(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ClientSample.Load("cline-3.89-xml-image-turn", stream: true);

        using var response = await gateway.Client.PostRawAsync(body.ToJsonString(), "v1/debug/request", cancellationToken: cancellationToken);
        var answer = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.GetProperty("tool_protocol").GetString(), Is.EqualTo("xml"));
        Assert.That(answer.GetProperty("xml_detector").GetProperty("score").GetDouble(), Is.GreaterThanOrEqualTo(5));
        var image = answer.GetProperty("images").EnumerateArray().Single();
        Assert.That(image.GetProperty("media_type").GetString(), Is.EqualTo("image/png"));
        Assert.That(image.GetProperty("width").GetInt32(), Is.EqualTo(1));
    }
}
