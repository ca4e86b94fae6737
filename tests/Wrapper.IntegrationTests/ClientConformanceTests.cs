using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Every recorded Roo Code and Cline request through the gateway, with the fake model answering as
/// a real one would, and every response checked against what those clients' parsers need
/// (docs/clients/REPORT.md §2 and §4).
/// </summary>
public sealed class ClientConformanceTests : SharedGatewayFixture
{
    private const string Arguments = """{"path":"src/app.ts"}""";

    private static IEnumerable<TestCaseData> NativeCases() =>
        ClientSample.Names(ClientSample.HasTools).SelectMany(name => new[]
        {
            new TestCaseData(name, "one call").SetName($"{name}: one tool call"),
            new TestCaseData(name, "text and calls").SetName($"{name}: text, then two tool calls"),
            new TestCaseData(name, "reasoning and call").SetName($"{name}: reasoning, then a tool call"),
        });

    [TestCaseSource(nameof(NativeCases))]
    [CancelAfter(60_000)]
    public async Task Native_tool_calls_stream_as_the_clients_need(string sample, string answer, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var tools = ClientSample.ToolNames(ClientSample.Load(sample, stream: true));
        var body = ClientSample.Load(sample, stream: true, Directives(answer, tools));
        var parallel = body["parallel_tool_calls"]?.GetValue<bool>() ?? true;

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        var chunks = CheckEnvelope(events);
        var calls = ToolCallDeltas(chunks);
        var expected = answer == "text and calls" && parallel ? 2 : 1;
        Assert.That(calls.Select(c => c.GetProperty("index").GetInt32()).Distinct().Count(), Is.EqualTo(expected), "one index per call");
        Assert.That(calls.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(expected), "one id per call");
        foreach (var call in calls)
        {
            Assert.That(call.TryGetProperty("function", out var function), Is.True, "a function object in every piece (AI SDK)");
            Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(tools, Does.Contain(function.GetProperty("name").GetString()), "the client's own tool name");
            var arguments = function.GetProperty("arguments").GetString();
            Assert.That(arguments, Is.Not.Empty, "Cline never emits a call without arguments");
            Assert.That(JsonDocument.Parse(arguments!).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
        }
        Assert.That(FinishReasons(chunks), Is.EqualTo(new[] { "tool_calls" }), "Roo: every native turn carries a tool call");
        if (answer == "text and calls") Assert.That(Content(chunks), Is.EqualTo("I'll look at it."));
        if (answer == "reasoning and call")
            Assert.That(Deltas(chunks).Where(d => d.TryGetProperty("reasoning_content", out _)).Select(d => d.GetProperty("reasoning_content").GetString()),
                Is.Not.Empty, "reasoning in reasoning_content, the only field all three read");
        CheckUsage(chunks[^1]);
    }

    [TestCaseSource(nameof(NativeCases))]
    [CancelAfter(60_000)]
    public async Task Native_tool_calls_are_complete_in_a_non_streamed_answer(string sample, string answer, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var tools = ClientSample.ToolNames(ClientSample.Load(sample, stream: false));

        using var response = await gateway.Client.PostAsync(ClientSample.Load(sample, stream: false, Directives(answer, tools)), cancellationToken);
        var message = (await response.JsonAsync(cancellationToken)).GetProperty("choices")[0];

        Assert.That(message.GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        var calls = message.GetProperty("message").GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.That(calls, Is.Not.Empty);
        Assert.That(calls.Select(c => c.GetProperty("type").GetString()), Is.All.EqualTo("function"), "Roo's non-stream fallback checks the type");
        Assert.That(calls.Select(c => c.GetProperty("function").GetProperty("arguments").GetString()), Is.All.Not.Empty);
    }

    private static IEnumerable<TestCaseData> TextCases() =>
        ClientSample.Names(body => !ClientSample.HasTools(body)).Select(name => new TestCaseData(name).SetName($"{name}: a text answer passes through untouched"));

    [TestCaseSource(nameof(TextCases))]
    [CancelAfter(60_000)]
    public async Task Without_tools_the_answer_is_content_and_no_tool_call_is_made_up(string sample, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        const string xml = "<read_file>\\n<path>src/app.ts</path>\\n</read_file>";

        using var response = await gateway.Client.PostAsync(ClientSample.Load(sample, stream: true, $"reply {xml}"), cancellationToken);
        var chunks = CheckEnvelope(await ServerSentEvents.ReadAllAsync(response, cancellationToken));

        Assert.That(Content(chunks), Is.EqualTo("<read_file>\n<path>src/app.ts</path>\n</read_file>"));
        Assert.That(ToolCallDeltas(chunks), Is.Empty);
        Assert.That(FinishReasons(chunks), Is.EqualTo(new[] { "stop" }));
    }

    [TestCase("roo-3.36-xml-first-turn", true)]
    [TestCase("cline-3.89-xml-second-turn", true)]
    [TestCase("openai-sdk-script-basic", false)]
    [CancelAfter(60_000)]
    public async Task The_model_is_told_to_use_the_XML_format_only_when_the_client_expects_it(string sample, bool expectsXml, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ClientSample.Load(sample, stream: false, $"record {gateway.RecordDirectory}"), cancellationToken);
        var systemPrompt = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).SystemPrompt!;

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(systemPrompt.Contains(Wrapper.Server.Tools.ToolInstructions.XmlFormat, StringComparison.Ordinal), Is.EqualTo(expectsXml));
    }

    private static string[] Directives(string answer, IReadOnlyList<string> tools) => answer switch
    {
        "one call" => [$"tool mcp__w__{tools[0]} {Arguments}"],
        "text and calls" => ["reply I'll look at it.", $"tool mcp__w__{tools[0]} {Arguments}", $"tool mcp__w__{tools[1]} {{}}"],
        _ => ["thinking The user wants the file.", $"tool mcp__w__{tools[^1]} {Arguments}"],
    };

    /// <summary>What every client needs of every stream; returns the JSON chunks.</summary>
    private static List<JsonElement> CheckEnvelope(List<SseEvent> events)
    {
        Assert.That(events[^1].IsDone, Is.True, "data: [DONE] ends openai-node streams");
        Assert.That(events.Where(e => !e.IsComment && e.Json is null && !e.IsDone), Is.Empty, "no event: lines, no non-JSON data");
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        foreach (var chunk in chunks)
        {
            Assert.That(chunk.GetProperty("choices").ValueKind, Is.EqualTo(JsonValueKind.Array), "AI SDK: choices in every chunk");
            Assert.That(chunk.GetProperty("created").ValueKind, Is.EqualTo(JsonValueKind.Number));
            foreach (var choice in chunk.GetProperty("choices").EnumerateArray())
                if (choice.GetProperty("delta").TryGetProperty("role", out var role)) Assert.That(role.GetString(), Is.EqualTo("assistant"));
        }
        return chunks;
    }

    private static void CheckUsage(JsonElement last)
    {
        Assert.That(last.GetProperty("choices").GetArrayLength(), Is.Zero);
        var usage = last.GetProperty("usage");
        foreach (var field in new[] { "prompt_tokens", "completion_tokens", "total_tokens", "cache_read_input_tokens", "cache_creation_input_tokens" })
            Assert.That(usage.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    private static IEnumerable<JsonElement> Deltas(List<JsonElement> chunks) =>
        chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0].GetProperty("delta"));

    private static List<JsonElement> ToolCallDeltas(List<JsonElement> chunks) =>
        [.. Deltas(chunks).Where(d => d.TryGetProperty("tool_calls", out _)).SelectMany(d => d.GetProperty("tool_calls").EnumerateArray())];

    private static string Content(List<JsonElement> chunks) =>
        string.Concat(Deltas(chunks).Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));

    private static List<string?> FinishReasons(List<JsonElement> chunks) =>
        [.. chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason"))
            .Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString())];
}
