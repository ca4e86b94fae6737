using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// What the Claude Code continuation and reconstruction tests share: the agent loop's tool call and
/// result, its requests as Roo Code sends them, and reading the gateway's answers and the upstream calls.
/// </summary>
internal static class ClaudeLoop
{
    /// <summary>The model's read_file call (as the fake sends it) and the file the client reads.</summary>
    public const string Arguments = """{"path":"src/config.ts"}""";
    public const string FileBody = "export const port = 8080;";
    public const string ToolName = "mcp__w__read_file";

    /// <summary>A gateway whose upstream answers every call with the read_file tool call.</summary>
    public static async Task<UpstreamGateway<FakeAnthropicServer>> StartToolLoopAsync(IDictionary<string, string?>? settings = null)
    {
        var claude = await ClaudeGateway.StartAsync(settings);
        claude.Upstream.ToolUse = (ToolName, Arguments);
        return claude;
    }

    /// <summary>The first turn; with <paramref name="previous"/>, the next one: its answer and the tool's result appended, as Roo Code sends it.</summary>
    public static JsonObject Conversation(JsonElement? previous = null, string? result = null)
    {
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","stream":false,"tool_choice":"auto","parallel_tool_calls":true,
             "messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts"}],
             "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.","strict":true,
               "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false}}}]}
            """)!.AsObject();
        return previous is { } answer ? Append(body, answer, result) : body;
    }

    /// <summary>The next turn of <paramref name="body"/>: the assistant's answer and a result for each of its calls.</summary>
    public static JsonObject Append(JsonObject body, JsonElement answer, string? result)
    {
        var next = body.DeepClone().AsObject();
        var message = JsonNode.Parse(answer.GetProperty("choices")[0].GetProperty("message").GetRawText())!.AsObject();
        var messages = next["messages"]!.AsArray();
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = message["content"]?.GetValue<string>() ?? "", ["tool_calls"] = message["tool_calls"]!.DeepClone() });
        foreach (var call in message["tool_calls"]!.AsArray())
            messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = call!["id"]!.GetValue<string>(), ["content"] = result });
        return next;
    }

    /// <summary>A chat completion that must succeed; <paramref name="forwardedFor"/> poses as another client behind a trusted proxy.</summary>
    public static async Task<JsonElement> PostAsync(UpstreamGateway<FakeAnthropicServer> claude, JsonObject body, CancellationToken cancellationToken, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await claude.Client.SendAsync(request, cancellationToken);
        var json = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        return json;
    }

    /// <summary>The one process held for the conversation's next request, once the finished request has handed it over.</summary>
    public static async Task<int> HeldAsync(UpstreamGateway<FakeAnthropicServer> claude)
    {
        Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.HeldProcesses().Count == 1), Is.True, "a process waits for the next turn");
        return claude.Gateway.HeldProcesses().Single();
    }

    /// <summary>The model calls the upstream got, in order, as JSON.</summary>
    public static List<JsonObject> ModelCalls(UpstreamGateway<FakeAnthropicServer> claude) =>
        [.. claude.Upstream.Requests.Where(r => r.IsModelCall).Select(r => JsonNode.Parse(r.Body)!.AsObject())];

    public static string ContentOf(JsonElement answer) => answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    public static int CountOf(string text, string fragment) => (text.Length - text.Replace(fragment, "", StringComparison.Ordinal).Length) / fragment.Length;

    /// <summary>No CLI, no sandbox and no session file outlive the requests.</summary>
    public static async Task AssertNothingLeftAsync(UpstreamGateway<Fakes.FakeAnthropicServer> claude)
    {
        await NativeToolCalls.AssertCliGoneAsync(claude.Gateway);
        Assert.That(await Processes.EventuallyAsync(() => claude.Gateway.LiveSandboxes().Count == 0), Is.True);
        Assert.That(Directory.GetFiles(claude.Gateway.SandboxRoot, "*.jsonl", SearchOption.AllDirectories)
            .Where(f => !claude.Gateway.WaitingSandboxes().Any(w => f.StartsWith(w, StringComparison.Ordinal))), Is.Empty, "no session file left");
    }

    public static string TextOf(JsonNode message) => message["content"] switch
    {
        JsonArray blocks => blocks.Where(b => b!["type"]!.GetValue<string>() == "text").Select(b => b!["text"]!.GetValue<string>()).Last(),
        var text => text!.GetValue<string>(),
    };
}
