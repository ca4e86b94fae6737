using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Native tool calling with the real Codex: the client's tools reach the model as real
/// tools (the gateway's MCP server, which Codex offers as the namespace <c>mcp__w</c>), and the
/// model's function calls come back as OpenAI tool calls after one model call.
/// </summary>
public sealed class CodexToolCallTests
{
    private const string ReadArguments = """{"path":"src/config.ts"}""";
    private const string ListArguments = """{"dir":"src","depth":2}""";

    [Test, CancelAfter(180_000)]
    public async Task A_function_call_from_the_model_comes_back_as_an_OpenAI_tool_call_and_codex_is_stopped(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.FunctionCalls = [("mcp__w", "read_file", ReadArguments)];

        using var response = await codex.Client.PostAsync(RequestWithTools(stream: false), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var choice = json.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        var call = choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray().Single();
        Assert.That(call.GetProperty("id").GetString(), Is.EqualTo("call_fake_0"), "the model's own call id");
        Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function"));
        Assert.That(call.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!), JsonNode.Parse(ReadArguments)), Is.True);
        Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(100));
        Assert.That(codex.Upstream.ModelCallCount, Is.EqualTo(1), "the turn ended at the call: Codex never ran the tool nor asked again");

        var offered = UpstreamTools(codex).Single(t => t.GetProperty("type").GetString() == "namespace");
        Assert.That(offered.GetProperty("name").GetString(), Is.EqualTo("mcp__w"));
        var tools = offered.GetProperty("tools").EnumerateArray().ToList();
        Assert.That(tools.Select(t => t.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "read_file", "list_dir" }));
        var tool = tools.Single(t => t.GetProperty("name").GetString() == "read_file");
        Assert.That(tool.GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(tool.GetProperty("description").GetString(), Does.Contain("Read a file"));
        Assert.That(tool.GetProperty("parameters").GetProperty("required")[0].GetString(), Is.EqualTo("path"));
        Assert.That(tool.GetProperty("parameters").GetProperty("properties").GetProperty("path").GetProperty("type").GetString(), Is.EqualTo("string"));
        var others = UpstreamTools(codex).Where(t => t.GetProperty("type").GetString() != "namespace").Select(t => t.GetProperty("name").GetString()).ToList();
        TestContext.Out.WriteLine($"Codex's own tools beside the client's: {string.Join(", ", others)}");
        // 0.169 has no switch for these: MCP resource helpers come with any MCP server, request_user_input always.
        Assert.That(others, Is.SubsetOf(new[] { "list_mcp_resources", "list_mcp_resource_templates", "read_mcp_resource", "request_user_input" }));

        Assert.That(await Processes.EventuallyAsync(() => codex.Gateway.RequestProcesses().Count == 0), "no Codex process is left");
        Assert.That(await Processes.EventuallyAsync(() => codex.Gateway.LiveSandboxes().Count == 0), "the sandbox is removed");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_tool_call_has_index_id_type_and_name_in_its_first_piece_then_finish_usage_and_done(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.FunctionCalls = [("mcp__w", "read_file", ReadArguments)];

        using var response = await codex.Client.PostAsync(RequestWithTools(stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var calls = ToolCallDeltas(chunks);
        Assert.That(calls, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(calls[0].GetProperty("index").GetInt32(), Is.Zero);
        Assert.That(calls[0].GetProperty("id").GetString(), Is.EqualTo("call_fake_0"));
        Assert.That(calls[0].GetProperty("type").GetString(), Is.EqualTo("function"));
        Assert.That(calls[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(string.Concat(calls.Select(c => c.GetProperty("function").GetProperty("arguments").GetString())), Is.EqualTo(ReadArguments));
        Assert.That(FinishReasons(chunks), Is.EqualTo(new[] { "tool_calls" }));
        Assert.That(chunks[^1].GetProperty("choices").GetArrayLength(), Is.Zero);
        Assert.That(chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(100));
        Assert.That(events[^1].IsDone, Is.True);
        Assert.That(codex.Upstream.ModelCallCount, Is.EqualTo(1));
    }

    [Test, CancelAfter(180_000)]
    public async Task Parallel_calls_come_back_in_order_after_the_text_that_preceded_them(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.TextBeforeCalls = "Let me look at both.";
        codex.Upstream.FunctionCalls = [("mcp__w", "read_file", ReadArguments), ("mcp__w", "list_dir", ListArguments)];

        using var response = await codex.Client.PostAsync(RequestWithTools(stream: false), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        var message = json.GetProperty("choices")[0].GetProperty("message");
        Assert.That(message.GetProperty("content").GetString(), Is.EqualTo("Let me look at both."));
        var calls = message.GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.That(calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(new[] { "read_file", "list_dir" }));
        Assert.That(calls.Select(c => c.GetProperty("id").GetString()), Is.EqualTo(new[] { "call_fake_0", "call_fake_1" }));
        Assert.That(calls[1].GetProperty("function").GetProperty("arguments").GetString(), Is.EqualTo(ListArguments));
        Assert.That(json.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        Assert.That(codex.Upstream.ModelCallCount, Is.EqualTo(1));
    }

    [Test, CancelAfter(180_000)]
    public async Task Parallel_calls_stream_one_index_each(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.FunctionCalls = [("mcp__w", "read_file", ReadArguments), ("mcp__w", "list_dir", ListArguments)];

        using var response = await codex.Client.PostAsync(RequestWithTools(stream: true), cancellationToken);
        var chunks = (await ServerSentEvents.ReadAllAsync(response, cancellationToken)).Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();

        var starts = ToolCallDeltas(chunks).Where(c => c.TryGetProperty("id", out _)).ToList();
        Assert.That(starts.Select(c => c.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(starts.Select(c => c.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(new[] { "read_file", "list_dir" }));
        Assert.That(FinishReasons(chunks), Is.EqualTo(new[] { "tool_calls" }));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_tool_name_codex_would_rewrite_is_offered_under_a_stand_in_and_comes_back_as_the_clients(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.FunctionCalls = [("mcp__w", "mcp__fs__read_t0", ReadArguments)];
        var request = RequestWithTools(stream: false);
        request["tools"]![0]!["function"]!["name"] = "mcp--fs--read";

        using var response = await codex.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        var call = json.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray().Single();
        Assert.That(call.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("mcp--fs--read"));
        var offered = UpstreamTools(codex).Single(t => t.GetProperty("type").GetString() == "namespace").GetProperty("tools");
        Assert.That(offered.EnumerateArray().Select(t => t.GetProperty("name").GetString()), Does.Contain("mcp__fs__read_t0"));
    }

    [Test, CancelAfter(180_000)]
    public async Task With_parallel_tool_calls_false_only_the_first_call_comes_back_and_the_model_is_told(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.FunctionCalls = [("mcp__w", "read_file", ReadArguments), ("mcp__w", "list_dir", ListArguments)];
        var request = RequestWithTools(stream: false);
        request["parallel_tool_calls"] = false;
        request["tool_choice"] = "required";

        using var response = await codex.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        var calls = json.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.That(calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(new[] { "read_file" }));
        var input = JsonDocument.Parse(codex.Upstream.Requests.Single(r => r.Path == "/v1/responses").Body).RootElement.GetProperty("input").GetRawText();
        Assert.That(input, Does.Contain("You must answer by calling one of the available tools.").And.Contain("Call at most one tool in your reply."));
    }

    [Test, CancelAfter(180_000)]
    public async Task Tool_choice_none_offers_codex_no_client_tools(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "No tools needed";
        var request = RequestWithTools(stream: false);
        request["tool_choice"] = "none";

        using var response = await codex.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("No tools needed"));
        Assert.That(json.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(UpstreamTools(codex).Select(t => t.GetProperty("type").GetString()), Has.None.EqualTo("namespace"));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_next_turn_carries_the_call_and_the_tool_result_to_the_model(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "The config exports a port.";
        var request = RequestWithTools(stream: false);
        var messages = request["messages"]!.AsArray();
        messages.Add(JsonNode.Parse("""
            {"role":"assistant","content":null,"tool_calls":[{"id":"call_fake_0","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/config.ts\"}"}}]}
            """));
        messages.Add(JsonNode.Parse("""{"role":"tool","tool_call_id":"call_fake_0","content":"export const port = 8080;"}"""));

        using var response = await codex.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("The config exports a port."));
        // Natively: the call in the namespace Codex offers the tool under, and its output with the same id.
        var input = JsonDocument.Parse(codex.Upstream.Requests.Single(r => r.Path == "/v1/responses").Body).RootElement.GetProperty("input").EnumerateArray().ToList();
        var call = input.Single(i => i.GetProperty("type").GetString() == "function_call");
        Assert.That(call.GetProperty("namespace").GetString(), Is.EqualTo("mcp__w"));
        Assert.That(call.GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(call.GetProperty("call_id").GetString(), Is.EqualTo("call_fake_0"));
        var output = input.Single(i => i.GetProperty("type").GetString() == "function_call_output");
        Assert.That(output.GetProperty("call_id").GetString(), Is.EqualTo("call_fake_0"));
        Assert.That(output.GetProperty("output").GetString(), Is.EqualTo("export const port = 8080;"));
        Assert.That(input.Select(i => i.GetRawText()), Has.None.Contains("called tool"));
        Assert.That(codex.Upstream.ModelCallCount, Is.EqualTo(1));
    }

    private static List<JsonElement> UpstreamTools(UpstreamGateway<Fakes.FakeOpenAiServer> codex) =>
        [.. JsonDocument.Parse(codex.Upstream.Requests.Single(r => r.Path == "/v1/responses").Body).RootElement.GetProperty("tools").EnumerateArray()];

    private static List<JsonElement> ToolCallDeltas(IEnumerable<JsonElement> chunks) =>
        [.. chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("tool_calls").EnumerateArray())];

    private static List<string?> FinishReasons(IEnumerable<JsonElement> chunks) =>
        [.. chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason"))
            .Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString())];

    private static JsonObject RequestWithTools(bool stream) => JsonNode.Parse("""
        {"model":"gpt-5.1-codex","stream":STREAM,"stream_options":{"include_usage":true},
         "tool_choice":"auto","parallel_tool_calls":true,
         "messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.","strict":true,
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false}}},
          {"type":"function","function":{"name":"list_dir","description":"List a directory.",
           "parameters":{"type":"object","properties":{"dir":{"type":"string"},"depth":{"type":"integer"}},"required":["dir"]}}}]}
        """.Replace("STREAM", stream ? "true" : "false", StringComparison.Ordinal))!.AsObject();
}
