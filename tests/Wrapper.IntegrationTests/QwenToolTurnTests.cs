using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>Qwen Code's tool calls come whole in one assistant message; the turn ends there, before the CLI runs a tool.</summary>
public sealed class QwenToolTurnTests
{
    [Test, CancelAfter(60_000)]
    public async Task The_calls_come_back_with_the_text_before_them_and_usage_and_the_cli_is_stopped(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["INACTIVITY_TIMEOUT"] = "20000" });

        using var response = await gateway.Client.PostAsync(Body(FakeCli.Directives(
            "reply Checking.", "tool mcp__w__read_file {\"path\":\"a.ts\"}", "tool mcp__w__list_files", "usage in=40 out=6", $"record {gateway.RecordDirectory}"), parallel: true), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var choice = json.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        Assert.That(choice.GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Checking."));
        var calls = choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString(), c.GetProperty("function").GetProperty("name").GetString(), c.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.That(calls, Is.EqualTo(new[] { ("call_fake_0", "read_file", "{\"path\":\"a.ts\"}"), ("call_fake_1", "list_files", "{}") }));
        Assert.That(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(40));
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True, "the CLI about to run a tool is stopped");
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_parallel_tool_calls_only_the_first_call_reaches_the_client(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();

        using var response = await gateway.Client.PostAsync(Body(FakeCli.Directives(
            "tool mcp__w__read_file {\"path\":\"a.ts\"}", "tool mcp__w__list_files"), parallel: false), cancellationToken);
        var calls = (await response.JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls");

        Assert.That(calls.EnumerateArray().Select(c => c.GetProperty("function").GetProperty("name").GetString()), Is.EqualTo(new[] { "read_file" }));
    }

    private static JsonNode Body(string userText, bool parallel) => JsonNode.Parse("""
        {"model":"qwen-coder-plus","parallel_tool_calls":PARALLEL,
         "messages":[{"role":"user","content":USER_TEXT}],
         "tools":[
           {"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}},
           {"type":"function","function":{"name":"list_files","parameters":{"type":"object","properties":{}}}}]}
        """.Replace("PARALLEL", parallel ? "true" : "false", StringComparison.Ordinal)
           .Replace("USER_TEXT", JsonValue.Create(userText).ToJsonString(), StringComparison.Ordinal))!;
}
