using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Gemini CLI prints nothing after its last tool_use event: the turn ends when the CLI asks the
/// gateway's MCP endpoint to run a tool (the fake CLI does as the real one, then waits forever).
/// </summary>
public sealed class GeminiToolTurnTests
{
    [Test, CancelAfter(60_000)]
    public async Task The_CLIs_tools_call_ends_the_turn_with_every_call_in_order_and_the_cli_stopped(CancellationToken cancellationToken)
    {
        // A turn that waited for the CLI instead would end in this timeout's 504.
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["INACTIVITY_TIMEOUT"] = "20000" });
        var clock = Stopwatch.StartNew();

        using var response = await gateway.Client.PostAsync(Body(FakeCli.Directives(
            "reply Checking.", "tool mcp_w_read_file {\"path\":\"a.ts\"}", "tool mcp_w_list_files", $"record {gateway.RecordDirectory}")), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);
        clock.Stop();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var deltas = events.Where(e => e.Json is { } json && json.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json!.Value.GetProperty("choices")[0]).ToList();
        Assert.That(string.Concat(deltas.Select(d => d.GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : "")), Is.EqualTo("Checking."));
        var calls = deltas.Where(d => d.GetProperty("delta").TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("delta").GetProperty("tool_calls").EnumerateArray()).ToList();
        Assert.That(calls.Select(c => (c.GetProperty("index").GetInt32(), c.GetProperty("function").GetProperty("name").GetString(), c.GetProperty("function").GetProperty("arguments").GetString())),
            Is.EqualTo(new[] { (0, "read_file", "{\"path\":\"a.ts\"}"), (1, "list_files", "{}") }));
        Assert.That(deltas.Select(d => d.GetProperty("finish_reason")).Where(f => f.ValueKind == JsonValueKind.String).Single().GetString(), Is.EqualTo("tool_calls"));
        Assert.That(events[^1].IsDone, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "ended by the tools/call, not by a timeout");
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True, "the CLI waiting for its tool is stopped");
    }

    private static JsonNode Body(string userText) => JsonNode.Parse("""
        {"model":"gemini-2.5-flash","stream":true,
         "messages":[{"role":"user","content":USER_TEXT}],
         "tools":[
           {"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}},
           {"type":"function","function":{"name":"list_files","parameters":{"type":"object","properties":{}}}}]}
        """.Replace("USER_TEXT", JsonValue.Create(userText).ToJsonString(), StringComparison.Ordinal))!;
}
