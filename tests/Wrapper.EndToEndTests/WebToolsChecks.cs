using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>What every CLI's web tools test checks the same way.</summary>
internal static class WebToolsChecks
{
    /// <summary>WEB_TOOLS at its default (the test gateway turns it off), with loopback pages allowed or not.</summary>
    public static Dictionary<string, string?> On(bool allowPrivate = false) => new()
    {
        ["WEB_TOOLS"] = "chat",
        ["WEB_FETCH_ALLOW_PRIVATE"] = allowPrivate ? "true" : "false",
    };

    public static string UrlArguments(Uri url) => new JsonObject { ["url"] = url.ToString() }.ToJsonString();

    /// <summary>The client got the model's answer as a finished message, and no tool call (the gateway's tools are never the client's).</summary>
    public static void AnswerArrived(HttpResponseMessage response, JsonElement json, string answer)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var choice = json.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(answer));
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(choice.GetProperty("message").TryGetProperty("tool_calls", out _), Is.False, "the gateway's tool never reaches the client");
    }

    /// <summary>The client got the model's answer streamed to its end, and no tool call.</summary>
    public static void StreamedAnswerArrived(HttpResponseMessage response, List<SseEvent> events, string answer)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var choices = events.Where(e => e.Json is { } json && json.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json!.Value.GetProperty("choices")[0]).ToList();
        var deltas = choices.Select(c => c.GetProperty("delta")).ToList();
        Assert.That(string.Concat(deltas.Where(d => d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty("content").GetString())), Is.EqualTo(answer));
        Assert.That(deltas.Any(d => d.TryGetProperty("tool_calls", out _)), Is.False, "the gateway's tool never reaches the client");
        Assert.That(choices.Select(c => c.GetProperty("finish_reason")).Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()),
            Is.EqualTo(new[] { "stop" }));
        Assert.That(events[^1].IsDone, Is.True);
    }

    /// <summary>The page's heading and paragraph arrived as text; its script and style did not.</summary>
    public static void PageTextArrived(string toolResult)
    {
        Assert.That(toolResult, Does.Contain("# " + FakeWebPage.Heading).And.Contain(FakeWebPage.Paragraph).And.Contain("Title: Tides"));
        Assert.That(toolResult, Does.Not.Contain(FakeWebPage.ScriptSecret).And.Not.Contain(FakeWebPage.StyleSecret).And.Not.Contain("<p>"));
    }

    /// <summary>A coding agent's request: it brings its own tool.</summary>
    public static JsonNode AgentRequest(string model) => JsonNode.Parse("""
        {"model":"MODEL","messages":[{"role":"user","content":"Show me src/config.ts"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
        """.Replace("MODEL", model, StringComparison.Ordinal))!;
}
