using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Responses;

public sealed class ResponsesRequestMapperTests
{
    [Test]
    public void A_string_input_is_one_user_message_with_an_id()
    {
        var (request, draft) = Map("""{"model":"claude-sonnet-4-5","input":"Hello"}""");

        Assert.That(request.Messages, Has.Count.EqualTo(1));
        Assert.That(request.Messages[0].Role, Is.EqualTo(ConversationRole.User));
        Assert.That(request.Messages[0].Text, Is.EqualTo("Hello"));
        Assert.That(request.SystemPrompt, Is.Null);
        var item = draft.InputItems.Single();
        Assert.That(item.GetProperty("type").GetString(), Is.EqualTo("message"));
        Assert.That(item.GetProperty("role").GetString(), Is.EqualTo("user"));
        Assert.That(item.GetProperty("id").GetString(), Does.StartWith("msg_"));
        Assert.That(item.GetProperty("content")[0].GetProperty("type").GetString(), Is.EqualTo("input_text"));
    }

    [Test]
    public void Items_become_the_conversation_with_calls_on_the_assistant_turn_and_outputs_as_tool_results()
    {
        var (request, _) = Map("""
            {"model":"m","instructions":"Top.","input":[
              {"role":"developer","content":"Dev."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Look "},{"type":"input_image","image_url":"https://example.com/a.png"}]},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"x"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
              {"type":"function_call","call_id":"c1","name":"read","arguments":"{\"p\":1}"},
              {"type":"custom_tool_call","call_id":"c2","name":"apply_patch","input":"*** Begin"},
              {"type":"function_call_output","call_id":"c1","output":"file text"},
              {"type":"custom_tool_call_output","call_id":"c2","output":[{"type":"input_text","text":"done"}]},
              {"type":"web_search_call","id":"ws","status":"completed"}]}
            """);

        Assert.That(request.SystemPrompt, Is.EqualTo("Top.\n\nDev."));
        Assert.That(request.Messages.Select(m => m.Role), Is.EqualTo(new[] { ConversationRole.User, ConversationRole.Assistant, ConversationRole.Tool, ConversationRole.Tool }));
        Assert.That(request.Messages[0].Text, Is.EqualTo("Look "));
        Assert.That(request.Messages[0].Images.Single(), Is.EqualTo(new ImageRef("https://example.com/a.png", "input[1].content[1]")));
        Assert.That(request.Messages[1].Text, Is.EqualTo("Checking."));
        Assert.That(request.Messages[1].ToolCalls, Is.EqualTo(new[]
        {
            new HistoryToolCall("c1", "read", "{\"p\":1}"),
            new HistoryToolCall("c2", "apply_patch", "{\"input\":\"*** Begin\"}"),
        }));
        Assert.That(request.Messages[2], Is.EqualTo(new ConversationMessage(ConversationRole.Tool, "file text") { ToolCallId = "c1" }));
        Assert.That(request.Messages[3].Text, Is.EqualTo("done"));
        Assert.That(request.Messages[3].ToolCallId, Is.EqualTo("c2"));
    }

    [Test]
    public void Function_custom_and_namespaced_tools_are_served_and_hosted_tools_dropped()
    {
        var (request, draft) = Map("""
            {"model":"m","input":"hi","tool_choice":{"type":"custom","name":"apply_patch"},"tools":[
              {"type":"function","name":"shell","description":"Run","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}},
              {"type":"custom","name":"apply_patch","description":"Patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},
              {"type":"namespace","name":"mcp","tools":[{"type":"function","name":"mcp__docs__search"}]},
              {"type":"web_search"},{"type":"file_search","vector_store_ids":[]}]}
            """);

        Assert.That(request.Tools.Select(t => t.Name), Is.EqualTo(new[] { "shell", "apply_patch", "mcp__docs__search" }));
        Assert.That(request.Tools[0].Description, Is.EqualTo("Run"));
        Assert.That(request.Tools[0].InputSchema.GetProperty("properties").GetProperty("cmd").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(request.Tools[1].Description, Does.StartWith("Patch").And.Contain("lark grammar").And.Contain("start: x"));
        Assert.That(request.Tools[1].InputSchema.GetProperty("required")[0].GetString(), Is.EqualTo("input"));
        Assert.That(request.Tools[2].InputSchema.GetProperty("type").GetString(), Is.EqualTo("object"));
        Assert.That(draft.Tools.CustomNames, Is.EquivalentTo(new[] { "apply_patch" }));
        Assert.That(draft.Tools.Dropped, Is.EqualTo(new[] { "web_search", "file_search" }));
        Assert.That(request.ToolChoice, Is.EqualTo(new ToolChoice(ToolChoiceMode.Function, "apply_patch")));
    }

    [Test]
    public void A_hosted_tool_choice_leaves_the_model_free_and_options_reach_the_request()
    {
        var (request, draft) = Map("""
            {"model":" m ","input":"hi","tool_choice":{"type":"web_search"},"parallel_tool_calls":false,"max_output_tokens":300,
             "temperature":0.5,"stream":true,"store":false,"reasoning":{"effort":"high","summary":"auto"},"prompt_cache_key":"k","metadata":{"a":"b"}}
            """);

        Assert.That(request.Model, Is.EqualTo("m"));
        Assert.That(request.ToolChoice, Is.EqualTo(ToolChoice.Auto));
        Assert.That(request.ParallelToolCalls, Is.False);
        Assert.That(request.MaxOutputTokens, Is.EqualTo(300));
        Assert.That(request.Temperature, Is.EqualTo(0.5));
        Assert.That(request.Stream, Is.True);
        Assert.That(draft.Store, Is.False);
        Assert.That(draft.Echo.Reasoning, Is.EqualTo(new ReasoningEcho("high", "auto")));
        Assert.That(draft.Echo.PromptCacheKey, Is.EqualTo("k"));
        Assert.That(draft.Echo.Metadata["a"], Is.EqualTo("b"));
    }

    [Test]
    public void A_json_schema_format_is_an_instruction_with_the_schema()
    {
        var (request, _) = Map("""
            {"model":"m","instructions":"Be exact.","input":"hi","text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object","properties":{"ok":{"type":"boolean"}}}}}}
            """);

        Assert.That(request.SystemPrompt, Does.StartWith("Be exact.\n\nAnswer with one JSON value only"));
        Assert.That(request.SystemPrompt, Does.Contain("('answer')").And.Contain("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}"));
    }

    [Test]
    public void A_text_file_is_put_in_the_message_and_a_binary_file_is_refused()
    {
        var text = Convert.ToBase64String("col1,col2\n1,2"u8.ToArray());
        var (request, _) = Map($$"""
            {"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"Sum it"},{"type":"input_file","filename":"a.csv","file_data":"data:text/csv;base64,{{text}}"}]}]}
            """);
        var pdf = Convert.ToBase64String([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
        var error = Assert.Throws<GatewayException>(() => Map($$"""
            {"model":"m","input":[{"role":"user","content":[{"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,{{pdf}}"}]}]}
            """))!.Error;

        Assert.That(request.Messages[0].Text, Is.EqualTo("Sum it\n<file name=\"a.csv\">\ncol1,col2\n1,2\n</file>\n"));
        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Param, Is.EqualTo("input[0].content[0].file_data"));
        Assert.That(error.Message, Does.Contain("a.pdf").And.Contain("text and image files"));
    }

    [Test]
    public void The_previous_conversation_comes_first_and_counts_against_the_item_limit()
    {
        var history = new[]
        {
            JsonDocument.Parse("""{"id":"msg_1","type":"message","role":"user","content":[{"type":"input_text","text":"First"}]}""").RootElement,
            JsonDocument.Parse("""{"id":"msg_2","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Answer","annotations":[]}]}""").RootElement,
        };
        var body = JsonSerializer.Deserialize("""{"model":"m","input":"Second","previous_response_id":"resp_abc"}""", ResponsesJson.Context.ResponsesRequest)!;

        var (request, draft) = ResponsesRequestMapper.Map(body, history, maxItems: 10, createdAt: 1);
        var error = Assert.Throws<GatewayException>(() => ResponsesRequestMapper.Map(body, history, maxItems: 2, createdAt: 1))!.Error;

        Assert.That(request.Messages.Select(m => m.Text), Is.EqualTo(new[] { "First", "Answer", "Second" }));
        Assert.That(draft.InputItems, Has.Count.EqualTo(3));
        Assert.That(draft.Echo.PreviousResponseId, Is.EqualTo("resp_abc"));
        Assert.That(error.Code, Is.EqualTo("too_many_messages"));
    }

    private static (CompletionRequest, ResponseDraft) Map(string json) =>
        ResponsesRequestMapper.Map(JsonSerializer.Deserialize(json, ResponsesJson.Context.ResponsesRequest)!, [], maxItems: 100, createdAt: 1_767_225_600);
}
