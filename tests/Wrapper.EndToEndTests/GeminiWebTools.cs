using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>The real Gemini CLI in <see cref="WebToolsTests"/>: of its own tools only the hosted search stays.</summary>
internal sealed class GeminiWebTools(UpstreamGateway<FakeGeminiServer> e2e) : WebToolsRun(e2e.Gateway, e2e)
{
    public override void FetchThenAnswer(Uri url, string answer)
    {
        e2e.Upstream.FunctionCalls = [new("mcp_w_web_fetch", WebToolsChecks.UrlArguments(url))];
        e2e.Upstream.ReplyText = answer;
    }

    public override void CheckChatTools() =>
        Assert.That(Declared(e2e.Upstream.Requests[0].Body), Is.EquivalentTo(new[] { "mcp_w_web_fetch", "google_web_search" }), "of the CLI's own tools only the hosted search");

    public override void CheckAgentTools() => Assert.That(Declared(e2e.Upstream.Requests[0].Body), Is.EqualTo(new[] { "mcp_w_read_file" }));

    public override (string Text, bool? IsError) LastToolResult() =>
        (e2e.Upstream.Requests.Select(r => FunctionResponse(r.Body)).Last(text => text is not null)!, null);

    // The CLI's final stats count every model call of the turn.
    public override int? TurnPromptTokens() => e2e.Upstream.Requests.Sum(r => Math.Max(1, r.Body.Length / 4));

    private static List<string> Declared(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("tools").EnumerateArray()
            .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray()).Select(d => d.GetProperty("name").GetString()!)];

    /// <summary>Every string of the last content's functionResponse parts, joined; null when it has none.</summary>
    private static string? FunctionResponse(string body)
    {
        var parts = (JsonNode.Parse(body)?["contents"] as JsonArray)?.LastOrDefault()?["parts"] as JsonArray;
        var responses = parts?.Select(p => p?["functionResponse"]).Where(r => r is not null).ToList();
        return responses is { Count: > 0 } ? string.Concat(responses.SelectMany(Strings)) : null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
