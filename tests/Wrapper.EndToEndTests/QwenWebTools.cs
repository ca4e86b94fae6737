using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The real Qwen Code in the web tools tests: the gateway's web_fetch, none of the CLI's own tools.</summary>
internal sealed class QwenWebTools : WebToolsCli
{
    public override string Name => "qwen";
    public override string Model => "qwen-2.5-flash";

    public override async Task<WebToolsRun> StartAsync(IDictionary<string, string?> settings) => new Run(await QwenGateway.StartAsync(settings));

    private sealed class Run(UpstreamGateway<FakeOpenAiServer> e2e) : WebToolsRun(e2e.Gateway, e2e)
    {
        private List<RecordedRequest> ChatCalls =>
            [.. e2e.Upstream.Requests.Where(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/chat/completions", StringComparison.Ordinal))];

        public override void FetchThenAnswer(Uri url, string answer)
        {
            e2e.Upstream.ChatToolCalls = [new("mcp__w__web_fetch", WebToolsChecks.UrlArguments(url))];
            e2e.Upstream.ReplyText = answer;
        }

        public override void CheckChatTools() =>
            Assert.That(Offered(ChatCalls[0]), Is.EqualTo(new[] { "mcp__w__web_fetch" }), "none of the CLI's own tools, its web_fetch and web_search included");

        public override void CheckAgentTools() => Assert.That(Offered(ChatCalls[0]), Is.EqualTo(new[] { "mcp__w__read_file" }));

        public override (string Text, bool? IsError) LastToolResult() => (LastToolMessage(ChatCalls[^1])!, null);

        private static List<string> Offered(RecordedRequest call) =>
            [.. JsonDocument.Parse(call.Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)];

        /// <summary>The text of the call's last message when it is a tool message, else null.</summary>
        private static string? LastToolMessage(RecordedRequest call)
        {
            var last = (JsonNode.Parse(call.Body)?["messages"] as JsonArray)?.LastOrDefault();
            if (last?["role"]?.GetValue<string>() != "tool") return null;
            return last["content"] switch
            {
                JsonValue text => text.GetValue<string>(),
                JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
                _ => null,
            };
        }
    }
}
