using System.Net;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>Native tool calling with the real Qwen Code: client tools reach the model as Chat Completions tools over MCP.</summary>
public sealed class QwenToolCallTests
{
    private const string Model = "qwen-2.5-flash";

    [Test, CancelAfter(180_000)]
    public async Task A_tool_call_from_the_model_comes_back_as_an_OpenAI_tool_call_after_one_model_call(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.TextBeforeCalls = "Let me read it.";
        qwen.Upstream.ChatToolCalls = [new("mcp__w__read_file", NativeToolCalls.ReadFile)];

        using var response = await qwen.Client.PostAsync(NativeToolCalls.Request(Model, stream: false), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        NativeToolCalls.AssertCompletion(json, [new("read_file", NativeToolCalls.ReadFile)], "Let me read it.");
        Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(100), "usage from the answer that asked for the call");
        Assert.That(qwen.Upstream.ModelCallCount, Is.EqualTo(1), "the turn ended at the calls: the CLI never ran a tool");
        using var body = JsonDocument.Parse(qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions").Body);
        var functions = body.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToList();
        Assert.That(functions.Select(f => f.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "mcp__w__read_file", "mcp__w__" + NativeToolCalls.OpaqueName }),
            "only the client's tools, none of the CLI's own");
        var readFile = functions.Single(f => f.GetProperty("name").GetString() == "mcp__w__read_file");
        Assert.That(readFile.GetProperty("parameters").GetProperty("properties").GetProperty("path").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(readFile.GetProperty("parameters").GetProperty("required")[0].GetString(), Is.EqualTo("path"));
        Assert.That(readFile.GetProperty("description").GetString(), Does.Contain("Read a file from the workspace."));
        await NativeToolCalls.AssertCliGoneAsync(qwen.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Two_parallel_calls_stream_in_order_with_their_own_index_and_id(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.ChatToolCalls =
        [
            new("mcp__w__read_file", NativeToolCalls.ReadFile),
            new("mcp__w__" + NativeToolCalls.OpaqueName, NativeToolCalls.ListDirectory),
        ];

        using var response = await qwen.Client.PostAsync(NativeToolCalls.Request(Model, stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        NativeToolCalls.AssertStream(events,
            [new("read_file", NativeToolCalls.ReadFile), new(NativeToolCalls.OpaqueName, NativeToolCalls.ListDirectory)], content: null);
        Assert.That(qwen.Upstream.ModelCallCount, Is.EqualTo(1));
        await NativeToolCalls.AssertCliGoneAsync(qwen.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Without_parallel_tool_calls_only_the_first_call_reaches_the_client_and_the_model_is_told(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.ChatToolCalls =
        [
            new("mcp__w__read_file", NativeToolCalls.ReadFile),
            new("mcp__w__" + NativeToolCalls.OpaqueName, NativeToolCalls.ListDirectory),
        ];
        var request = NativeToolCalls.Request(Model, stream: true);
        request["parallel_tool_calls"] = false;

        using var response = await qwen.Client.PostAsync(request, cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        NativeToolCalls.AssertStream(events, [new("read_file", NativeToolCalls.ReadFile)], content: null);
        using var body = JsonDocument.Parse(qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions").Body);
        Assert.That(body.RootElement.GetProperty("messages")[0].GetRawText(), Does.Contain("Call at most one tool in your reply."));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_assistant_tool_calls_and_the_tool_result_reach_the_model_on_the_next_turn(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.ReplyText = "The port is 8080.";

        using var response = await qwen.Client.PostAsync(NativeToolCalls.HistoryRequest(Model), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("The port is 8080."));
        using var body = JsonDocument.Parse(qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions").Body);
        var messages = body.RootElement.GetProperty("messages").GetRawText();
        Assert.That(messages, Does.Contain("export const port = 8080;"), "the tool result");
        Assert.That(messages, Does.Contain("call_hist_1").And.Contain("read_file"), "the assistant's call");
    }
}
