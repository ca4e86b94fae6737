using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The CLI's calls to the gateway's own MCP endpoint are authenticated by their capability
/// token alone: never refused for a missing API key, never counted by a client rate limit, never
/// logged with the token; and a warm process that lost its tools is not reused. The fake Claude
/// connects to the endpoint like the real CLI and, when that fails, answers without the tools.
/// </summary>
public sealed partial class McpCallerTests
{
    private const string Key = "test-key-0123456789abcdefghijklmnop";
    private static readonly JsonArray Tools =
        [JsonNode.Parse("""{"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}""")];

    private static JsonObject ToolTurn(string text, string? system = null, params string[] extra)
    {
        var body = ChatRequests.Body(FakeCli.Directives([.. extra, "tool mcp__w__read_file {\"path\":\"a.txt\"}"]) + "\n" + text, system: system);
        body["tools"] = Tools.DeepClone();
        return body;
    }

    /// <summary>The name of the first tool call, or null for an answer without one; with its finish reason.</summary>
    private static async Task<(string? Tool, string? Finish)> ToolCallOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var choice = JsonDocument.Parse(text).RootElement.GetProperty("choices")[0];
        var tool = choice.GetProperty("message").TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0
            ? calls[0].GetProperty("function").GetProperty("name").GetString()
            : null;
        return (tool, choice.GetProperty("finish_reason").GetString());
    }

    [Test, CancelAfter(60_000)]
    public async Task With_an_API_key_a_tool_request_still_gets_its_tool_calls(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = Key });
        gateway.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await gateway.Client.PostAsync(ToolTurn("Read a.txt"), cancellationToken);
        var (tool, finish) = await ToolCallOf(response, cancellationToken);

        Assert.That(tool, Is.EqualTo("read_file"), "the CLI reached the MCP endpoint without the key");
        Assert.That(finish, Is.EqualTo("tool_calls"));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_unknown_token_is_a_404_without_asking_for_the_key_and_counts_against_the_rate_limit(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
            { ["API_KEY"] = Key, ["RATE_LIMIT_ENABLED"] = "true", ["RATE_LIMIT_PER_MINUTE"] = "2" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.PostRawAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "internal/mcp/" + new string('a', 48));
            statuses.Add(response.StatusCode);
        }

        // A 401 here would start Claude Code's MCP OAuth flow, which writes to the operator's credentials.
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
    }

    [Test, CancelAfter(180_000)]
    public async Task With_the_default_limits_every_tool_turn_of_several_clients_keeps_its_tools(CancellationToken cancellationToken)
    {
        // The default rate limits (the test gateway turns them off), all clients on 127.0.0.1 like the CLIs.
        using var capture = new LogCapture();
        const int clients = 5, turnsEach = 8;
        var tools = new List<string?>();
        await using (var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true" }))
        {
            var turns = await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
            {
                var results = new List<string?>();
                for (var turn = 0; turn < turnsEach; turn++)
                {
                    using var response = await gateway.Client.PostAsync(ToolTurn($"turn {turn}", system: $"client {client}"), cancellationToken);
                    results.Add((await ToolCallOf(response, cancellationToken)).Tool);
                }
                return results;
            }));
            tools.AddRange(turns.SelectMany(t => t));
        }

        var mcpCalls = capture.Text.Split('\n').Count(line => line.StartsWith("POST /internal/mcp/", StringComparison.Ordinal));
        Assert.That(mcpCalls, Is.GreaterThan(new Wrapper.Server.RateLimiting.RateLimitOptions().PerMinute), "more MCP calls than a client may make in a minute");
        Assert.That(tools, Has.Exactly(clients * turnsEach).EqualTo("read_file"));
    }

    [Test, CancelAfter(120_000)]
    public async Task The_CLIs_MCP_calls_never_count_against_a_client_rate_limit(CancellationToken cancellationToken)
    {
        // One request a minute for every route but chat: any counted MCP call would be refused.
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
            { ["RATE_LIMIT_ENABLED"] = "true", ["RATE_LIMIT_PER_MINUTE"] = "1", ["RATE_LIMIT_CHAT_PER_MINUTE"] = "4" });

        var tools = new List<string?>();
        for (var turn = 0; turn < 4; turn++)
        {
            using var response = await gateway.Client.PostAsync(ToolTurn($"turn {turn}"), cancellationToken);
            tools.Add((await ToolCallOf(response, cancellationToken)).Tool);
        }

        Assert.That(tools, Is.All.EqualTo("read_file"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_capability_token_never_reaches_the_log(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using (var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["DEBUG_MODE"] = "true", ["VERBOSE"] = "true" }))
        {
            using var response = await gateway.Client.PostAsync(ToolTurn("Read a.txt"), cancellationToken);
            Assert.That((await ToolCallOf(response, cancellationToken)).Tool, Is.EqualTo("read_file"));
        }

        var text = capture.Text;
        Assert.That(text, Does.Contain("POST /internal/mcp/*** 200"), "the CLI's MCP calls are logged, masked");
        Assert.That(HexToken().Matches(text).Select(m => m.Value), Is.Empty, "a 48-hex-digit token appears in the log");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_warm_process_whose_MCP_connection_failed_is_never_reused(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On());
        var first = Path.Combine(gateway.RecordDirectory, "first");
        var second = Path.Combine(gateway.RecordDirectory, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);

        using var lost = await gateway.Client.PostAsync(ToolTurn("Read a.txt", null, $"record {first}", "mcp-offline"), cancellationToken);
        var (lostTool, lostFinish) = await ToolCallOf(lost, cancellationToken);
        var lostProcess = await FakeCli.WaitForRecordAsync(first);
        using var next = await gateway.Client.PostAsync(ToolTurn("Read a.txt again", null, $"record {second}"), cancellationToken);
        var (nextTool, _) = await ToolCallOf(next, cancellationToken);
        var nextProcess = await FakeCli.WaitForRecordAsync(second);

        Assert.That((lostTool, lostFinish), Is.EqualTo(((string?)null, (string?)"stop")), "without its MCP connection the CLI answered in text");
        Assert.That(nextProcess.Pid, Is.Not.EqualTo(lostProcess.Pid), "the tool-less process served the next turn of its key");
        Assert.That(nextTool, Is.EqualTo("read_file"));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(lostProcess.Pid)), "the tool-less process was ended");
    }

    [GeneratedRegex("[0-9a-f]{48}")]
    private static partial Regex HexToken();
}
