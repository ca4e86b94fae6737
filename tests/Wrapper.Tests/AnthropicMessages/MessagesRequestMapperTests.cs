using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.AnthropicMessages;

/// <summary>A Messages body into the core's request, field by field (https://docs.anthropic.com/en/api/messages).</summary>
public sealed class MessagesRequestMapperTests
{
    [Test]
    public void System_blocks_messages_tools_and_settings_map_to_the_core_request()
    {
        var request = Map("""
            {"model":" claude-sonnet-4-5 ","max_tokens":300,"temperature":0.2,"stream":true,"metadata":{"user_id":"u"},
             "system":[{"type":"text","text":"First."},{"type":"text","text":"Second.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"Read","description":"Reads","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}},{"name":"Bare"}],
             "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
             "messages":[
               {"role":"user","content":"Hi"},
               {"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"x"},{"type":"text","text":"Let me read."},{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"a"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"file text"},{"type":"tool_result","tool_use_id":"toolu_2","is_error":true,"content":[{"type":"text","text":"boom"},{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]},{"type":"text","text":"Go on"}]}]}
            """);

        Assert.That(request.Model, Is.EqualTo("claude-sonnet-4-5"));
        Assert.That(request.SystemPrompt, Is.EqualTo("First.\nSecond."));
        Assert.That(request.Stream, Is.True);
        Assert.That(request.MaxOutputTokens, Is.EqualTo(300));
        Assert.That(request.Temperature, Is.EqualTo(0.2));
        Assert.That(request.ParallelToolCalls, Is.False);
        Assert.That(request.ToolChoice, Is.EqualTo(ToolChoice.Auto));
        Assert.That(request.Tools.Select(t => t.Name), Is.EqualTo(new[] { "Read", "Bare" }));
        Assert.That(request.Tools[0].Description, Is.EqualTo("Reads"));
        Assert.That(request.Tools[0].InputSchema.GetProperty("properties").GetProperty("file_path").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(request.Tools[1].InputSchema.GetProperty("type").GetString(), Is.EqualTo("object"), "a tool without a schema takes an empty object");

        Assert.That(request.Messages.Select(m => m.Role), Is.EqualTo(new[] { ConversationRole.User, ConversationRole.Assistant, ConversationRole.Tool, ConversationRole.Tool, ConversationRole.User }));
        Assert.That(request.Messages[1].Text, Is.EqualTo("Let me read."), "thinking is not replayed");
        var call = request.Messages[1].ToolCalls.Single();
        Assert.That((call.Id, call.Name), Is.EqualTo(("toolu_1", "Read")));
        Assert.That(JsonDocument.Parse(call.Arguments!).RootElement.GetProperty("file_path").GetString(), Is.EqualTo("a"));
        Assert.That((request.Messages[2].ToolCallId, request.Messages[2].Text), Is.EqualTo(("toolu_1", "file text")));
        Assert.That((request.Messages[3].ToolCallId, request.Messages[3].Text), Is.EqualTo(("toolu_2", "[the tool reported an error]\nboom")));
        Assert.That(request.Messages[3].Images.Single(), Is.EqualTo(new ImageRef("https://example.com/a.png", "messages[2].content[1].content[1]")));
        Assert.That(request.Messages[4].Text, Is.EqualTo("Go on"));
    }

    [Test]
    public void A_base64_image_becomes_a_data_URL_on_the_user_turn()
    {
        var request = Map("""{"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"text","text":"Look"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}]}""");

        Assert.That(request.Messages.Single().Images.Single(), Is.EqualTo(new ImageRef("data:image/png;base64,AAAA", "messages[0].content[1]")));
    }

    [TestCase("""{"type":"any"}""", "Required", null)]
    [TestCase("""{"type":"tool","name":"Read"}""", "Function", "Read")]
    [TestCase("""{"type":"none"}""", "None", null)]
    public void Tool_choice_types_map_to_the_core(string choice, string mode, string? name)
    {
        var request = Map("""{"model":"m","max_tokens":1,"tool_choice":CHOICE,"tools":[{"name":"Read","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Hi"}]}""".Replace("CHOICE", choice, StringComparison.Ordinal));

        Assert.That(request.ToolChoice, Is.EqualTo(new ToolChoice(Enum.Parse<ToolChoiceMode>(mode), name)));
        Assert.That(request.ParallelToolCalls, Is.True);
    }

    [Test]
    public void Count_tokens_bodies_need_no_max_tokens()
    {
        var body = Body("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.That(MessagesRequestMapper.Map(body, countOnly: true).MaxOutputTokens, Is.Null);
        var error = Assert.Throws<GatewayException>(() => MessagesRequestMapper.Map(body))!.Error;
        Assert.That((error.Status, error.Param), Is.EqualTo((400, "max_tokens")));
    }

    [TestCase("""{"model":"m","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Hi"}]}""")]
    [TestCase("""{"model":"m","max_tokens":10,"thinking":{"type":"disabled"},"messages":[{"role":"user","content":"Hi"}]}""")]
    [TestCase("""{"model":"m","max_tokens":10,"top_k":0,"top_p":1,"temperature":1,"stop_sequences":["x"],"messages":[{"role":"user","content":"Hi"}]}""")]
    public void Values_at_the_edges_of_Anthropics_ranges_are_accepted(string json) =>
        Assert.DoesNotThrow(() => Map(json));

    [TestCase("""{"model":"m","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1023},"messages":[{"role":"user","content":"Hi"}]}""", "thinking.budget_tokens")]
    [TestCase("""{"model":"m","max_tokens":1024,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Hi"}]}""", "thinking.budget_tokens")]
    [TestCase("""{"model":"m","max_tokens":10,"thinking":{"type":"sometimes"},"messages":[{"role":"user","content":"Hi"}]}""", "thinking.type")]
    [TestCase("""{"model":"m","max_tokens":10,"temperature":-0.1,"messages":[{"role":"user","content":"Hi"}]}""", "temperature")]
    [TestCase("""{"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":"Only me"}]}""", "messages")]
    [TestCase("""{"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","name":"x","input":{}}]},{"role":"user","content":"Hi"}]}""", "messages[0].content[0].id")]
    [TestCase("""{"model":"m","max_tokens":10,"system":[{"type":"image","source":{}}],"messages":[{"role":"user","content":"Hi"}]}""", "system[0].type")]
    public void Out_of_range_or_malformed_fields_are_a_400_naming_the_field(string json, string param)
    {
        var error = Assert.Throws<GatewayException>(() => Map(json))!.Error;

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Param, Is.EqualTo(param));
    }

    private static CompletionRequest Map(string json) => MessagesRequestMapper.Map(Body(json));

    private static MessagesRequest Body(string json) => JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)!;
}
