using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>Native tool calling with the real Claude Code: client tools reach the model as real tools over MCP.</summary>
public sealed class ClaudeToolCallTests
{
    private const string Arguments = """{"path":"src/config.ts"}""";

    [Test, CancelAfter(180_000)]
    public async Task A_tool_use_from_the_model_comes_back_as_an_OpenAI_tool_call(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.ToolUse = ("mcp__w__read_file", Arguments);

        using var response = await claude.Client.PostAsync(RequestWithTools(stream: false), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var choice = json.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        var call = choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray().Single();
        Assert.That(call.GetProperty("id").GetString(), Is.Not.Empty);
        Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function"));
        Assert.That(call.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!), JsonNode.Parse(Arguments)), Is.True);
        Assert.That(claude.Upstream.ModelCallCount, Is.EqualTo(1), "the CLI's turn ended at the tool use: it never ran the tool");

        var offered = JsonDocument.Parse(claude.Upstream.Requests.Single(r => r.IsModelCall).Body).RootElement.GetProperty("tools");
        var tool = offered.EnumerateArray().Single();
        Assert.That(tool.GetProperty("name").GetString(), Is.EqualTo("mcp__w__read_file"));
        Assert.That(tool.GetProperty("input_schema").GetProperty("required")[0].GetString(), Is.EqualTo("path"));
        Assert.That(tool.GetProperty("description").GetString(), Does.Contain("Read a file"));
    }

    [Test, CancelAfter(180_000)]
    public async Task A_streamed_tool_call_has_index_id_type_name_and_arguments_then_finish_and_usage(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.ToolUse = ("mcp__w__read_file", Arguments);

        using var response = await claude.Client.PostAsync(RequestWithTools(stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        var calls = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("tool_calls").EnumerateArray()).ToList();
        Assert.That(calls, Has.Count.EqualTo(1));
        Assert.That(calls[0].GetProperty("index").GetInt32(), Is.Zero);
        Assert.That(calls[0].GetProperty("id").GetString(), Is.Not.Empty);
        Assert.That(calls[0].GetProperty("type").GetString(), Is.EqualTo("function"));
        Assert.That(calls[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(calls[0].GetProperty("function").GetProperty("arguments").GetString(), Is.EqualTo(Arguments));
        var finish = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason")).Where(f => f.ValueKind == JsonValueKind.String).Single();
        Assert.That(finish.GetString(), Is.EqualTo("tool_calls"));
        Assert.That(chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.GreaterThan(0));
        Assert.That(events[^1].IsDone, Is.True);
    }

    private static JsonNode RequestWithTools(bool stream) => JsonNode.Parse("""
        {"model":"claude-sonnet-4-5","stream":STREAM,"stream_options":{"include_usage":true},
         "tool_choice":"auto","parallel_tool_calls":true,
         "messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.","strict":true,
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false}}}]}
        """.Replace("STREAM", stream ? "true" : "false", StringComparison.Ordinal))!;
}
