using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// With the real Claude Code: its calls to the gateway's MCP endpoint are authenticated by
/// their token alone, so an API key or the default rate limits never take the client's tools away,
/// and nothing is written to the operator's Claude credentials.
/// </summary>
public sealed class ClaudeMcpAuthTests
{
    private const string Key = "e2e-key-0123456789abcdefghijklmnop";

    private static JsonNode ToolRequest(string conversation) => JsonNode.Parse("""
        {"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"You are agent CONVERSATION."},{"role":"user","content":"Show me src/config.ts"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
        """.Replace("CONVERSATION", conversation, StringComparison.Ordinal))!;

    private static async Task<string?> ToolNameOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var message = JsonDocument.Parse(text).RootElement.GetProperty("choices")[0].GetProperty("message");
        return message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array
            ? calls[0].GetProperty("function").GetProperty("name").GetString()
            : null;
    }

    [Test, CancelAfter(120_000)]
    public async Task With_an_API_key_the_model_still_gets_the_tools_and_no_MCP_login_is_written(CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-mcp-home-").FullName;
        try
        {
            await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = Key, ["HOME"] = home });
            claude.Upstream.ToolUse = ("mcp__w__read_file", """{"path":"src/config.ts"}""");
            claude.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            using var response = await claude.Client.PostAsync(ToolRequest("a"), cancellationToken);

            Assert.That(await ToolNameOf(response, cancellationToken), Is.EqualTo("read_file"));
            var offered = JsonDocument.Parse(claude.Upstream.Requests.First(r => r.IsModelCall).Body).RootElement;
            Assert.That(offered.TryGetProperty("tools", out var tools) && tools.GetArrayLength() == 1, Is.True, "the upstream request carried the tool");
        }
        finally
        {
            var credentials = Path.Combine(home, ".claude", ".credentials.json");
            var written = File.Exists(credentials) ? await File.ReadAllTextAsync(credentials, CancellationToken.None) : "";
            Directory.Delete(home, recursive: true);
            Assert.That(written, Does.Not.Contain("mcpOAuth"));
        }
    }

    [Test, CancelAfter(240_000)]
    public async Task With_the_default_limits_every_tool_turn_of_two_clients_keeps_its_tools(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true" });
        claude.Upstream.ToolUse = ("mcp__w__read_file", """{"path":"src/config.ts"}""");

        var names = await Task.WhenAll(Enumerable.Range(0, 2).Select(async client =>
        {
            var turns = new List<string?>();
            for (var turn = 0; turn < 4; turn++)
            {
                using var response = await claude.Client.PostAsync(ToolRequest($"{client}"), cancellationToken);
                turns.Add(await ToolNameOf(response, cancellationToken));
            }
            return turns;
        }));

        Assert.That(names.SelectMany(n => n), Is.All.EqualTo("read_file"));
    }
}
