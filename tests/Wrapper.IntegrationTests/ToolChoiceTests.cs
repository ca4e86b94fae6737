using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>tool_choice and parallel_tool_calls reach the model and are enforced on the way out.</summary>
public sealed class ToolChoiceTests : SharedGatewayFixture
{
    [TestCase("\"none\"", false, null)]
    [TestCase("\"auto\"", true, null)]
    [TestCase("\"required\"", true, "You must answer by calling one of the available tools.")]
    [TestCase("{\"type\":\"function\",\"function\":{\"name\":\"list_files\"}}", true, "You must answer by calling the tool list_files.")]
    [CancelAfter(60_000)]
    public async Task Tool_choice_decides_whether_tools_are_offered_and_what_the_model_is_told(string choice, bool offered, string? instruction, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(Body(choice, FakeCli.Directives($"record {gateway.RecordDirectory}")), cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(record.Argv.Contains("--mcp-config"), Is.EqualTo(offered));
        if (instruction is null) Assert.That(record.SystemPrompt, Is.EqualTo("Agent."));
        else Assert.That(record.SystemPrompt, Does.EndWith(instruction));
    }

    [Test, CancelAfter(60_000)]
    public async Task Tool_names_are_opaque_and_come_back_exactly_as_the_client_sent_them(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(Body("\"auto\"", FakeCli.Directives("tool mcp__w__mcp--github--create_issue {\"title\":\"x\"}")), cancellationToken);
        var call = (await response.JsonAsync(cancellationToken)).GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];

        Assert.That(call.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("mcp--github--create_issue"));
    }

    private static JsonNode Body(string toolChoice, string userText) => JsonNode.Parse("""
        {"model":"claude-sonnet-4-5","tool_choice":TOOL_CHOICE,
         "messages":[{"role":"system","content":"Agent."},{"role":"user","content":USER_TEXT}],
         "tools":[
           {"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}},
           {"type":"function","function":{"name":"list_files","parameters":{"type":"object","properties":{}}}},
           {"type":"function","function":{"name":"mcp--github--create_issue","parameters":{"type":"object","properties":{"title":{"type":"string"}}}}}]}
        """.Replace("TOOL_CHOICE", toolChoice, StringComparison.Ordinal)
           .Replace("USER_TEXT", JsonValue.Create(userText).ToJsonString(), StringComparison.Ordinal))!;
}
