using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// What Claude Code does with the HTTP servers of <c>--mcp-config</c>: it connects once per process
/// (initialize, notifications/initialized, tools/list) and offers the listed tools to the model. A
/// server that refuses any step (a 401 from an API key check, a 429) is "failed": its tools are
/// missing and the model answers without them, with a 200 and finish_reason "stop".
/// </summary>
internal static class ClaudeMcpServers
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static Task<McpServer?>? _connected;

    /// <summary>The first configured server, connected on the first call; null when none is configured.</summary>
    /// <param name="offline">FAKE:mcp-offline: the connection fails (only the first turn of a process connects).</param>
    public static Task<McpServer?> ConnectAsync(IReadOnlyList<string> args, bool offline) =>
        _connected ??= ConnectOnceAsync(args, offline);

    private static async Task<McpServer?> ConnectOnceAsync(IReadOnlyList<string> args, bool offline)
    {
        if (ClaudeOptions.Value(args, "--mcp-config") is not { } path || !File.Exists(path)) return null;
        var servers = JsonNode.Parse(await File.ReadAllTextAsync(path))?["mcpServers"] as JsonObject;
        if (servers?.FirstOrDefault() is not { Key: var name, Value: { } config } || config["url"]?.GetValue<string>() is not { } url) return null;
        if (offline) return new McpServer(name, url, Connected: false);
        try
        {
            var connected = await PostAsync(url, 1, "initialize", new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "claude-code", ["version"] = "2.1.197" },
            })
                && await PostAsync(url, null, "notifications/initialized", null)
                && await PostAsync(url, 2, "tools/list", null);
            return new McpServer(name, url, connected);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new McpServer(name, url, Connected: false);
        }
    }

    /// <summary>
    /// Runs a tool as the CLI does once the model asked for it. The gateway holds the call until the
    /// client's next request continues the turn: then its answer's text is returned (null when the
    /// call was never answered with a result).
    /// </summary>
    public static async Task<string?> CallToolAsync(McpServer server, string toolName, string arguments)
    {
        var prefix = $"mcp__{server.Name}__";
        if (!server.Connected || !toolName.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var call = new JsonObject { ["name"] = toolName[prefix.Length..], ["arguments"] = JsonNode.Parse(arguments.Length > 0 ? arguments : "{}") };
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await client.SendAsync(ToolsCall(server.Url, call));
            var answer = Answer(await response.Content.ReadAsStringAsync());
            // Every text part: the result, then what the client wrote after it (its next directives).
            return answer?["result"]?["content"] is JsonArray parts
                ? string.Join('\n', parts.Select(part => part?["text"]?.GetValue<string>()).OfType<string>())
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The JSON-RPC answer in a Streamable HTTP response: a JSON body, or the <c>data:</c> line of the
    /// one event of a <c>text/event-stream</c> body, whichever the server chose (both are allowed).
    /// </summary>
    private static JsonNode? Answer(string body)
    {
        var data = body.Split('\n').FirstOrDefault(line => line.StartsWith("data:", StringComparison.Ordinal));
        return JsonNode.Parse(data is null ? body : data["data:".Length..]);
    }

    internal static HttpRequestMessage ToolsCall(string url, JsonObject call) => Request(url, 3, "tools/call", call);

    private static async Task<bool> PostAsync(string url, int? id, string method, JsonObject? parameters)
    {
        using var response = await Client.SendAsync(Request(url, id, method, parameters));
        return response.IsSuccessStatusCode;
    }

    private static HttpRequestMessage Request(string url, int? id, string method, JsonObject? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (id is { } value) message["id"] = value;
        if (parameters is not null) message["params"] = parameters;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}

/// <summary>One MCP server of the CLI's configuration and whether its tools reached the model.</summary>
internal sealed record McpServer(string Name, string Url, bool Connected);
