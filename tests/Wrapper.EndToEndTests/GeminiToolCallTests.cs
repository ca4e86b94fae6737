using System.Net;
using System.Text.Json;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>Native tool calling with the real Gemini CLI: client tools reach the model as function declarations over MCP.</summary>
public sealed class GeminiToolCallTests
{
    private const string Model = "gemini-2.5-flash";

    [Test, CancelAfter(180_000)]
    public async Task A_function_call_from_the_model_comes_back_as_an_OpenAI_tool_call_after_one_model_call(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.TextBeforeCalls = "Let me read it.";
        gemini.Upstream.FunctionCalls = [new("mcp_w_read_file", NativeToolCalls.ReadFile)];

        using var response = await gemini.Client.PostAsync(NativeToolCalls.Request(Model, stream: false), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        NativeToolCalls.AssertCompletion(json, [new("read_file", NativeToolCalls.ReadFile)], "Let me read it.", cliReportsUsage: false);
        Assert.That(gemini.Upstream.ModelCallCount, Is.EqualTo(1), "the turn ended at the calls: the CLI never ran a tool");
        using var body = JsonDocument.Parse(gemini.Upstream.Requests.Single().Body);
        var declarations = body.RootElement.GetProperty("tools").EnumerateArray().SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray()).ToList();
        Assert.That(declarations.Select(d => d.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "mcp_w_read_file", "mcp_w_" + NativeToolCalls.OpaqueName }),
            "only the client's tools, none of the CLI's own");
        var readFile = declarations.Single(d => d.GetProperty("name").GetString() == "mcp_w_read_file");
        var schema = readFile.TryGetProperty("parametersJsonSchema", out var s) ? s : readFile.GetProperty("parameters");
        Assert.That(schema.GetProperty("properties").GetProperty("path").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(schema.GetProperty("required")[0].GetString(), Is.EqualTo("path"));
        Assert.That(readFile.GetProperty("description").GetString(), Does.Contain("Read a file from the workspace."));
        await NativeToolCalls.AssertCliGoneAsync(gemini.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Two_parallel_calls_stream_in_order_with_their_own_index_and_id(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.FunctionCalls =
        [
            new("mcp_w_read_file", NativeToolCalls.ReadFile),
            new("mcp_w_" + NativeToolCalls.OpaqueName, NativeToolCalls.ListDirectory),
        ];

        using var response = await gemini.Client.PostAsync(NativeToolCalls.Request(Model, stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        NativeToolCalls.AssertStream(events,
            [new("read_file", NativeToolCalls.ReadFile), new(NativeToolCalls.OpaqueName, NativeToolCalls.ListDirectory)], content: null, cliReportsUsage: false);
        Assert.That(gemini.Upstream.ModelCallCount, Is.EqualTo(1));
        await NativeToolCalls.AssertCliGoneAsync(gemini.Gateway);
    }

    [Test, CancelAfter(180_000)]
    public async Task Tool_choice_none_offers_the_model_no_tools_and_required_is_said_in_the_system_prompt(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.ReplyText = "No tools needed.";

        using var none = await gemini.Client.PostAsync(NativeToolCalls.Request(Model, stream: false, toolChoice: "\"none\""), cancellationToken);
        var noneJson = await none.JsonAsync(cancellationToken);
        gemini.Upstream.FunctionCalls = [new("mcp_w_read_file", NativeToolCalls.ReadFile)];
        using var required = await gemini.Client.PostAsync(NativeToolCalls.Request(Model, stream: false, toolChoice: "\"required\""), cancellationToken);
        var requiredJson = await required.JsonAsync(cancellationToken);

        Assert.That(noneJson.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("No tools needed."));
        Assert.That(noneJson.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        using var noneBody = JsonDocument.Parse(gemini.Upstream.Requests[0].Body);
        var declared = noneBody.RootElement.TryGetProperty("tools", out var tools) ? tools.GetRawText() : "[]";
        Assert.That(declared, Does.Not.Contain("read_file"));
        Assert.That(requiredJson.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"), requiredJson.ToString());
        using var requiredBody = JsonDocument.Parse(gemini.Upstream.Requests[1].Body);
        Assert.That(requiredBody.RootElement.GetProperty("systemInstruction").GetRawText(), Does.Contain("You must answer by calling one of the available tools."));
    }

    [Test, CancelAfter(180_000)]
    public async Task The_assistant_tool_calls_and_the_tool_result_reach_the_model_on_the_next_turn(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.ReplyText = "The port is 8080.";

        using var response = await gemini.Client.PostAsync(NativeToolCalls.HistoryRequest(Model), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("The port is 8080."));
        using var body = JsonDocument.Parse(gemini.Upstream.Requests.Single().Body);
        var contents = body.RootElement.GetProperty("contents").GetRawText();
        Assert.That(contents, Does.Contain("export const port = 8080;"), "the tool result");
        Assert.That(contents, Does.Contain("call_hist_1").And.Contain("read_file"), "the assistant's call");
    }
}
