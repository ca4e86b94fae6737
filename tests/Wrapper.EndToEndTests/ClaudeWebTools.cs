using System.Text.Json;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The real Claude Code in <see cref="WebToolsTests"/>: its own hosted WebSearch stays, its WebFetch gives way to the gateway's.</summary>
internal sealed class ClaudeWebTools(UpstreamGateway<FakeAnthropicServer> e2e) : WebToolsRun(e2e.Gateway, e2e)
{
    private List<RecordedRequest> ModelCalls => [.. e2e.Upstream.Requests.Where(r => r.IsModelCall)];

    public override void FetchThenAnswer(Uri url, string answer)
    {
        e2e.Upstream.ToolUse = ("mcp__w__web_fetch", WebToolsChecks.UrlArguments(url));
        e2e.Upstream.ReplyText = answer;
    }

    public override void CheckChatTools()
    {
        var calls = ModelCalls;
        Assert.That(calls, Has.Count.EqualTo(2), "the turn went on after the fetch: one more model call with its result");
        Assert.That(ToolNames(calls[0]), Does.Contain("mcp__w__web_fetch").And.Contain("WebSearch").And.No.Contain("WebFetch"));
    }

    public override void CheckAgentTools() => Assert.That(ToolNames(ModelCalls[0]), Is.EqualTo(new[] { "mcp__w__read_file" }));

    public override (string Text, bool? IsError) LastToolResult() =>
        ModelCalls.Select(ToolResultOf).Last(result => result is not null)!.Value;

    // Claude Code's result counts every model call of the turn: the calls' input tokens together.
    public override int? TurnPromptTokens() => ModelCalls.Sum(c => Math.Max(1, c.Body.Length / 4));

    private static List<string> ToolNames(RecordedRequest call) =>
        [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    /// <summary>The tool_result block of the call's last user message: its text and is_error; null when it has none.</summary>
    private static (string Text, bool? IsError)? ToolResultOf(RecordedRequest call)
    {
        var messages = JsonDocument.Parse(call.Body).RootElement.GetProperty("messages");
        var content = messages.EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content");
        if (content.ValueKind != JsonValueKind.Array) return null;
        var blocks = content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "tool_result").ToList();
        if (blocks.Count == 0) return null;
        var result = blocks.Single().GetProperty("content");
        var text = result.ValueKind == JsonValueKind.String
            ? result.GetString()!
            : string.Concat(result.EnumerateArray().Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : ""));
        return (text, blocks[0].TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True);
    }
}
