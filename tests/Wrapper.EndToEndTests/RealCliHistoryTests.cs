using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Earlier turns reach the model as the API's own structures through each CLI's session format,
/// resumed by the real CLI (reconstruction): calls and results with their ids, real user and
/// assistant turns, earlier images attached; the session files go with the request.
/// </summary>
[TestFixture("codex")]
[TestFixture("gemini")]
[TestFixture("qwen")]
public sealed class RealCliHistoryTests(string name)
{
    private const string ReadArguments = """{"path":"src/config.ts"}""";
    private const string FileBody = "export const port = 8080;";
    private readonly RealCli _cli = RealCli.Named(name);

    [Test, CancelAfter(180_000)]
    public async Task Turn_N_of_a_tool_loop_carries_the_call_and_its_result_natively_with_matching_ids(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var e2e = await _cli.StartAsync(null);
        e2e.Upstream.ReplyText = "It exports a port.";

        var answer = await AnswerAsync(e2e, ToolLoop(), cancellationToken);

        Assert.That(answer, Is.EqualTo("It exports a port."));
        var turns = NativeTurns.Of(name, NativeTurns.LastModelCall(name, e2e.Upstream));
        TestContext.Out.WriteLine(string.Join("\n", turns));
        Assert.That(turns.Select(t => (t.Role, t.Kind)), Is.EqualTo(new[]
        {
            ("user", "text"), ("assistant", "call"), ("tool", "result"), ("user", "text"),
        }));
        Assert.That(turns[0].Text, Is.EqualTo("Show me src/config.ts"));
        Assert.That(turns[1].Text, Does.EndWith("read_file " + ReadArguments));
        Assert.That(turns[1].CallId, Is.EqualTo("call_1"));
        Assert.That(turns[2].CallId, Is.EqualTo("call_1"), "the result answers the same call");
        Assert.That(turns[2].Text, Does.Contain(FileBody));
        Assert.That(turns.Select(t => t.Text), Has.None.Contains("called tool"), "no transcript");
        Assert.That(await Processes.EventuallyAsync(() => capture.Text.Contains("history=reconstructed", StringComparison.Ordinal)), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => e2e.Gateway.LiveSandboxes().Count == 0), Is.True, "the session file went with the sandbox");
        Assert.That(Directory.EnumerateFiles(e2e.Gateway.Scratch, "*.jsonl", SearchOption.AllDirectories), Is.Empty, "no session file is left anywhere");
    }

    [Test, CancelAfter(180_000)]
    public async Task A_plain_chat_reaches_the_model_as_real_user_and_assistant_turns(CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(null);
        e2e.Upstream.ReplyText = "Your name is Ada.";
        var request = Chat(("user", "My name is Ada."), ("assistant", "Hello Ada!"), ("user", "What is my name?"));

        var answer = await AnswerAsync(e2e, request, cancellationToken);

        Assert.That(answer, Is.EqualTo("Your name is Ada."));
        var turns = NativeTurns.Of(name, NativeTurns.LastModelCall(name, e2e.Upstream));
        TestContext.Out.WriteLine(string.Join("\n", turns));
        Assert.That(turns, Is.EqualTo(new[]
        {
            new NativeTurn("user", "text", "My name is Ada."),
            new NativeTurn("assistant", "text", "Hello Ada!"),
            new NativeTurn("user", "text", "What is my name?"),
        }));
        Assert.That(await Processes.EventuallyAsync(() => e2e.Gateway.LiveSandboxes().Count == 0), Is.True);
    }

    [Test, CancelAfter(180_000)]
    public async Task An_image_of_an_earlier_turn_stays_attached_to_its_turn(CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(null);
        e2e.Upstream.ReplyText = "Blue and red.";
        var dataUrl = "data:image/png;base64," + Convert.ToBase64String(TestImages.Png(2, 2));
        var request = Chat(("user", "What is this?"), ("assistant", "A chart."), ("user", "And its colours?"));
        request["messages"]![0]!["content"] = new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = "What is this?" },
            new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = dataUrl } });

        Assert.That(await AnswerAsync(e2e, request, cancellationToken), Is.EqualTo("Blue and red."));

        var turns = NativeTurns.Of(name, NativeTurns.LastModelCall(name, e2e.Upstream));
        Assert.That(turns.Select(t => (t.Role, t.Kind)), Is.EqualTo(new[]
        {
            ("user", "text"), ("user", "image"), ("assistant", "text"), ("user", "text"),
        }));
        Assert.That(turns[1].Text, Is.EqualTo(dataUrl).Or.EqualTo("image/png"));
    }

    [Test, CancelAfter(240_000)]
    public async Task The_next_turn_of_a_loop_begins_with_the_upstream_request_of_the_turn_before(CancellationToken cancellationToken)
    {
        await using var e2e = await _cli.StartAsync(null);
        e2e.Upstream.ReplyText = "It exports a port.";
        var turn = ToolLoop();
        await AnswerAsync(e2e, turn.DeepClone().AsObject(), cancellationToken);
        var messages = turn["messages"]!.AsArray();
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = "It exports a port." });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "And the host?" });

        await AnswerAsync(e2e, turn, cancellationToken);

        var calls = NativeTurns.ModelCalls(name, e2e.Upstream);
        TestContext.Out.WriteLine(string.Join("\n---\n", calls.Select(c => c.ToJsonString())));
        var (list, fixedFields) = PrefixShape;
        UpstreamPrefix.AssertContinues(Comparable(calls[^2]), Comparable(calls[^1]), list, fixedFields);
    }

    /// <summary>
    /// A model call as far as a CLI keeps it stable. Codex appends its own notes after the resumed
    /// history on every turn (its permissions and the environment, which names the request's own
    /// sandbox) and gives ids to the items it makes live, not to those it reads back (docs/cli/REPORT.md,
    /// "Codex: resuming a written session"): those are left out, the rest must continue exactly.
    /// </summary>
    private JsonObject Comparable(JsonObject call)
    {
        if (name != "codex") return call;
        var copy = call.DeepClone().AsObject();
        var items = copy["input"]!.AsArray().Select(i => i!.DeepClone().AsObject())
            .Where(i => !(i["type"]?.GetValue<string>() == "message" && i["content"]![0]!["text"]?.GetValue<string>() is { } text && text.StartsWith('<')))
            .ToList();
        items.ForEach(i => i.Remove("id"));
        copy["input"] = new JsonArray([.. items]);
        return copy;
    }

    /// <summary>Where each API keeps its conversation, and what must not change between turns.</summary>
    private (string List, string[] FixedFields) PrefixShape => name switch
    {
        "codex" => ("input", ["instructions", "tools"]),
        "gemini" => ("contents", ["systemInstruction", "tools"]),
        _ => ("messages", ["tools"]),
    };

    private async Task<string> AnswerAsync(UpstreamGateway<Fakes.FakeModelServer> e2e, JsonObject request, CancellationToken cancellationToken)
    {
        request["model"] = _cli.Model;
        using var response = await e2e.Client.PostAsync(request, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        return json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    private static JsonObject Chat(params (string Role, string Text)[] messages) => new()
    {
        ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Text })]),
    };

    /// <summary>Turn N of an agent loop: the user's ask, the model's call, the client's result.</summary>
    private static JsonObject ToolLoop() => JsonNode.Parse("""
        {"messages":[{"role":"system","content":"You are a coding agent."},{"role":"user","content":"Show me src/config.ts"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"src/config.ts\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"export const port = 8080;"}],
         "tools":[{"type":"function","function":{"name":"read_file","description":"Read a file from the workspace.",
           "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]}
        """)!.AsObject();
}
