using System.Net;
using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// An agent loop with the real Gemini CLI from its fresh first turn on: each later turn is resumed from
/// a session file, and each upstream request begins with the one before it, byte for byte, from the
/// CLI's <c>&lt;session_context&gt;</c> on (docs/cli/REPORT.md §11, "Gemini CLI").
/// </summary>
public sealed class GeminiReconstructionTests
{
    private const string Model = "gemini-2.5-flash";

    [Test, CancelAfter(240_000)]
    public async Task Each_upstream_request_of_a_loop_begins_with_the_one_before_from_the_fresh_first_turn_on(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.FunctionCalls = [new("mcp_w_read_file", """{"path":"src/config.ts"}""")];
        var request = JsonNode.Parse("""
            {"model":"gemini-2.5-flash","messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts"}],
             "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
               "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
            """)!.AsObject();
        var messages = request["messages"]!.AsArray();

        var first = await AnswerAsync(gemini, request, cancellationToken);
        var call = first["tool_calls"]![0]!;
        messages.Add(first.DeepClone());
        messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = call["id"]!.GetValue<string>(), ["content"] = "export const port = 8080;" });
        gemini.Upstream.FunctionCalls = [];
        gemini.Upstream.ReplyText = "It exports a port.";
        var second = await AnswerAsync(gemini, request, cancellationToken);
        messages.Add(second.DeepClone());
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "And the host?" });
        gemini.Upstream.ReplyText = "Localhost.";
        var third = await AnswerAsync(gemini, request, cancellationToken);

        Assert.That(third["content"]!.GetValue<string>(), Is.EqualTo("Localhost."));
        var calls = NativeTurns.ModelCalls("gemini", gemini.Upstream);
        TestContext.Out.WriteLine(string.Join("\n---\n", calls.Select(c => c["contents"]!.ToJsonString())));
        Assert.That(calls, Has.Count.EqualTo(3));
        UpstreamPrefix.AssertContinues(calls[0], calls[1], "contents", "systemInstruction", "tools");
        UpstreamPrefix.AssertContinues(calls[1], calls[2], "contents", "systemInstruction", "tools");
        var turn2 = NativeTurns.Of("gemini", calls[1]);
        // Gemini CLI names its calls "<tool>__<id>" (the client gets that) and sends "<id>" upstream (stripToolCallIdPrefixes).
        var clientId = call["id"]!.GetValue<string>();
        Assert.That(clientId, Does.StartWith("mcp_w_read_file__"));
        Assert.That(turn2.Where(t => t.CallId is not null).Select(t => (t.Kind, t.CallId)), Is.EqualTo(new[]
        {
            ("call", clientId["mcp_w_read_file__".Length..]), ("result", clientId["mcp_w_read_file__".Length..]),
        }), "the call and its result with the id the model's call had");
    }

    private static async Task<JsonObject> AnswerAsync(UpstreamGateway<FakeGeminiServer> gemini, JsonObject request, CancellationToken cancellationToken)
    {
        using var response = await gemini.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        return JsonNode.Parse(json.GetProperty("choices")[0].GetProperty("message").GetRawText())!.AsObject();
    }
}
