using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// What every CLI's native tool calling must show the client: the requests with tools,
/// and the checks of the OpenAI answer, shared by the Gemini and Qwen tests.
/// </summary>
internal static class NativeToolCalls
{
    public const string ReadFile = """{"path":"src/config.ts"}""";
    public const string ListDirectory = """{"path":"src","depth":2}""";

    /// <summary>A MCP-style name from a client that aggregates MCP servers: it must pass unchanged.</summary>
    public const string OpaqueName = "mcp--fs--list_dir";

    public static JsonObject Request(string model, bool stream, string toolChoice = "\"auto\"") => JsonNode.Parse("""
        {"model":"MODEL","stream":STREAM,"stream_options":{"include_usage":true},
         "tool_choice":TOOL_CHOICE,"parallel_tool_calls":true,
         "messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts and what is in src"}],
         "tools":[
           {"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
             "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}},
           {"type":"function","function":{"name":"OPAQUE","description":"List a directory.",
             "parameters":{"type":"object","properties":{"path":{"type":"string"},"depth":{"type":"integer"}},"required":["path"]}}}]}
        """.Replace("MODEL", model, StringComparison.Ordinal).Replace("STREAM", stream ? "true" : "false", StringComparison.Ordinal)
        .Replace("TOOL_CHOICE", toolChoice, StringComparison.Ordinal).Replace("OPAQUE", OpaqueName, StringComparison.Ordinal))!.AsObject();

    /// <summary>The second turn: the assistant's call and the tool's result go back to the model.</summary>
    public static JsonObject HistoryRequest(string model) => JsonNode.Parse("""
        {"model":"MODEL","stream":false,
         "messages":[{"role":"user","content":"Show me src/config.ts"},
           {"role":"assistant","content":null,"tool_calls":[{"id":"call_hist_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/config.ts\"}"}}]},
           {"role":"tool","tool_call_id":"call_hist_1","content":"export const port = 8080;"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file.",
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
        """.Replace("MODEL", model, StringComparison.Ordinal))!.AsObject();

    /// <summary>message.tool_calls field by field, finish_reason tool_calls, and the text before the calls as content.</summary>
    public static void AssertCompletion(JsonElement completion, IReadOnlyList<FakeFunctionCall> expected, string? content, bool cliReportsUsage = true)
    {
        var choice = completion.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        var message = choice.GetProperty("message");
        Assert.That(message.GetProperty("content").ValueKind == JsonValueKind.Null ? null : message.GetProperty("content").GetString(), Is.EqualTo(content));
        var calls = message.GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.That(calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(expected.Select(e => e.Name)));
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.That(calls[i].GetProperty("id").GetString(), Is.Not.Empty);
            Assert.That(calls[i].GetProperty("type").GetString(), Is.EqualTo("function"));
            AssertSameJson(calls[i].GetProperty("function").GetProperty("arguments").GetString()!, expected[i].Arguments);
        }
        Assert.That(calls.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(calls.Count), "every call its own id");
        AssertUsageAddsUp(completion.GetProperty("usage"), cliReportsUsage);
    }

    /// <summary>
    /// Every call its own index and id; id, type and name in its first piece; a function object in
    /// every piece; arguments that join to the expected JSON; finish_reason tool_calls; then the
    /// usage chunk and [DONE].
    /// </summary>
    public static void AssertStream(IReadOnlyList<SseEvent> events, IReadOnlyList<FakeFunctionCall> expected, string? content, bool cliReportsUsage = true)
    {
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var deltas = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
        var text = string.Concat(deltas.Select(d => d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : ""));
        Assert.That(text, Is.EqualTo(content ?? ""));
        var pieces = deltas.Where(d => d.TryGetProperty("tool_calls", out _)).SelectMany(d => d.GetProperty("tool_calls").EnumerateArray()).ToList();
        Assert.That(pieces.All(p => p.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object), Is.True, "a function object in every piece");
        var byIndex = pieces.GroupBy(p => p.GetProperty("index").GetInt32()).OrderBy(g => g.Key).ToList();
        Assert.That(byIndex.Select(g => g.Key), Is.EqualTo(Enumerable.Range(0, expected.Count)));
        var ids = new HashSet<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var first = byIndex[i].First();
            Assert.That(first.GetProperty("id").GetString(), Is.Not.Empty, $"call {i}: id in the first piece");
            Assert.That(ids.Add(first.GetProperty("id").GetString()!), Is.True, "every call its own id");
            Assert.That(first.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(first.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo(expected[i].Name));
            var arguments = string.Concat(byIndex[i].Select(p => p.GetProperty("function").TryGetProperty("arguments", out var a) ? a.GetString() : ""));
            AssertSameJson(arguments, expected[i].Arguments);
        }
        var finishes = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason")).Where(f => f.ValueKind == JsonValueKind.String).ToList();
        Assert.That(finishes.Select(f => f.GetString()), Is.EqualTo(new[] { "tool_calls" }));
        Assert.That(chunks[^1].GetProperty("choices").GetArrayLength(), Is.Zero, "the usage chunk comes last");
        AssertUsageAddsUp(chunks[^1].GetProperty("usage"), cliReportsUsage);
        Assert.That(events[^1].IsDone, Is.True);
    }

    /// <summary>The CLI ran no tool and is gone, with its sandbox, soon after the answer.</summary>
    public static async Task AssertCliGoneAsync(TestGateway gateway)
    {
        Assert.That(await Processes.EventuallyAsync(() => gateway.RequestProcesses().Count == 0, TimeSpan.FromSeconds(10)),
            Is.True, "no CLI process is left in the gateway's sandboxes");
        Assert.That(await Processes.EventuallyAsync(() => gateway.LiveSandboxes().Count == 0, TimeSpan.FromSeconds(10)), Is.True);
    }

    public static void AssertSameJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"{actual} is {expected}");

    /// <summary>
    /// What a client bills by: the total is the prompt plus the completion, and more than nothing where the
    /// CLI reports usage before the turn's tool call ends it (Gemini CLI reports it only in its final
    /// <c>result</c>, which a turn ended at a tool call never reaches: docs/cli/EVENTS.md).
    /// </summary>
    private static void AssertUsageAddsUp(JsonElement usage, bool cliReportsUsage)
    {
        var total = usage.GetProperty("total_tokens").GetInt32();
        Assert.That(total, Is.EqualTo(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32()));
        if (cliReportsUsage) Assert.That(total, Is.GreaterThan(0));
    }
}
