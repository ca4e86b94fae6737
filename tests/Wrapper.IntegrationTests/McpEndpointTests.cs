using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wrapper.IntegrationTests.Infrastructure;
using Wrapper.Server.Tools;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The gateway's MCP endpoint as the CLIs speak to it (Streamable HTTP,
/// https://modelcontextprotocol.io/specification/2025-06-18/basic/transports): one request's tools
/// under its token, calls held for the client's results, answers as JSON-RPC in an event stream.
/// </summary>
public sealed class McpEndpointTests
{
    private static readonly ToolSpec ReadFile = new("read_file", "Reads a file", JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"}}}""").RootElement);

    [Test, CancelAfter(60_000)]
    public async Task Initialize_and_tools_list_serve_exactly_the_requests_tools(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        using var session = Sessions(gateway).Open([new McpTool("read_file", ReadFile)]);
        using var other = Sessions(gateway).Open([new McpTool("write_file", ReadFile with { Name = "write_file" })]);

        var initialized = await PostAsync(gateway, session, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", cancellationToken);
        var listed = await PostAsync(gateway, session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", cancellationToken);

        Assert.That(initialized["id"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(initialized["result"]!["protocolVersion"]!.GetValue<string>(), Is.EqualTo("2025-06-18"), "the client's version, echoed");
        Assert.That(initialized["result"]!["capabilities"]!["tools"], Is.Not.Null);
        var tools = listed["result"]!["tools"]!.AsArray();
        Assert.That(tools.Select(t => t!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "read_file" }), "this request's tools, not the other's");
        Assert.That(tools[0]!["description"]!.GetValue<string>(), Is.EqualTo("Reads a file"));
        Assert.That(tools[0]!["inputSchema"]!["properties"]!["path"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(session.ToolsListed, Is.True);
        Assert.That(other.ToolsListed, Is.False);
    }

    [Test, CancelAfter(60_000)]
    public async Task Codexs_tools_list_with_a_progress_token_gets_the_tools(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        using var session = Sessions(gateway).Open([new McpTool("read_file", ReadFile)]);

        // As Codex 0.171 sends it (its MCP client's headers and body, recorded against the gateway).
        var listed = await PostAsync(gateway, session, """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"progressToken":0}}}""", cancellationToken,
            request => { request.Headers.TryAddWithoutValidation("mcp-protocol-version", "2025-06-18"); request.Headers.TryAddWithoutValidation("Accept-Encoding", "zstd,gzip"); });

        Assert.That(listed["result"]!["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "read_file" }));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_client_tools_call_is_held_until_the_next_turn_answers_it(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        using var session = Sessions(gateway).Open([new McpTool("read_file", ReadFile)]);

        var answer = PostAsync(gateway, session, """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"read_file","arguments":{"path":"a.txt"}}}""", cancellationToken);
        await WaitUntilAsync(() => session.Waiting.Count == 1, cancellationToken);
        Assert.That(session.ToolCalled.IsCancellationRequested, Is.True, "the call ends the CLI's turn");
        Assert.That(answer.IsCompleted, Is.False, "held open");
        Assert.That(session.Waiting[0].Arguments.ToJsonString(), Is.EqualTo("""{"path":"a.txt"}"""));

        session.NextTurn(call =>
        {
            call.Answer(new ModelContextProtocol.Protocol.CallToolResult { Content = [new ModelContextProtocol.Protocol.TextContentBlock { Text = "A body" }] });
            return true;
        });

        var result = (await answer)["result"]!;
        Assert.That((await answer)["id"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(result["content"]!.ToJsonString(), Is.EqualTo("""[{"type":"text","text":"A body"}]"""));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_CLI_that_gives_up_a_held_call_abandons_it(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        using var session = Sessions(gateway).Open([new McpTool("read_file", ReadFile)]);
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.OnAbandoned(() => abandoned.TrySetResult());

        using (var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var call = PostAsync(gateway, session, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read_file","arguments":{}}}""", giveUp.Token);
            await WaitUntilAsync(() => session.Waiting.Count == 1, cancellationToken);
            await giveUp.CancelAsync();
            Assert.CatchAsync<OperationCanceledException>(async () => await call);
        }

        await abandoned.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        Assert.That(session.Waiting, Is.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_finished_requests_token_is_a_404_and_GET_is_not_allowed(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var session = Sessions(gateway).Open([new McpTool("read_file", ReadFile)]);
        using (var get = await gateway.Client.GetAsync(Path(session), cancellationToken))
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "no stream of server messages: the CLIs then go on without one");
        session.Dispose();

        using var response = await gateway.Client.SendAsync(Request(session, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static McpToolSessions Sessions(TestGateway gateway) => gateway.Services.GetRequiredService<McpToolSessions>();

    private static string Path(McpToolSession session) => "internal/mcp/" + session.Token;

    private static HttpRequestMessage Request(McpToolSession session, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path(session)) { Content = new StringContent(message, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    /// <summary>The JSON-RPC answer: the data of the response's one server-sent event.</summary>
    private static async Task<JsonNode> PostAsync(TestGateway gateway, McpToolSession session, string message, CancellationToken cancellationToken, Action<HttpRequestMessage>? headers = null)
    {
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var request = Request(session, message);
        headers?.Invoke(request);
        using var response = await client.SendAsync(request, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var data = body.Split('\n').Single(line => line.StartsWith("data:", StringComparison.Ordinal))["data:".Length..];
        return JsonNode.Parse(data)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition()) await Task.Delay(20, cancellationToken);
    }
}
