using System.Text.Json.Nodes;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Gemini;

/// <summary>
/// What Gemini CLI does after the model's answer asked for tools: it runs the first call through the
/// MCP server in its settings.json (the gateway's endpoint, which never answers) and waits.
/// </summary>
internal static class GeminiMcpCall
{
    /// <summary>False when no MCP server is configured (the real CLI then reports the tool as not found).</summary>
    public static async Task<bool> RunAsync(FakeToolCall call)
    {
        var settingsPath = Path.Combine(FakeTurn.Environment("GEMINI_CLI_HOME") ?? "", ".gemini", "settings.json");
        if (!File.Exists(settingsPath)) return false;
        var servers = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))?["mcpServers"] as JsonObject;
        if (servers?.FirstOrDefault() is not { Key: var server, Value: { } config } || config["httpUrl"]?.GetValue<string>() is not { } url) return false;

        var toolName = call.Name.StartsWith($"mcp_{server}_", StringComparison.Ordinal) ? call.Name[$"mcp_{server}_".Length..] : call.Name;
        var arguments = new JsonObject { ["name"] = toolName, ["arguments"] = JsonNode.Parse(call.Arguments.Length > 0 ? call.Arguments : "{}") };
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        await client.SendAsync(Claude.ClaudeMcpServers.ToolsCall(url, arguments));
        await Task.Delay(Timeout.Infinite); // the answer never comes: the gateway stops the CLI first
        return true;
    }
}
