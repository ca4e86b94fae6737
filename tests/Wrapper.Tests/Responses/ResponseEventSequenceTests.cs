using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiResponses;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;

namespace Wrapper.Tests.Responses;

/// <summary>Provider events → Responses stream events, as serialised on the wire, field by field.</summary>
public sealed class ResponseEventSequenceTests
{
    [Test]
    public void Text_then_a_tool_call_is_a_closed_message_item_then_a_whole_function_call_item()
    {
        var (sequence, _) = Sequence("""{"model":"m","input":"hi","tools":[{"type":"function","name":"shell"}]}""");
        var events = Wire(sequence.Begin()
            .Concat(sequence.On(new TextDelta("Run")))
            .Concat(sequence.On(new TextDelta("ning")))
            .Concat(sequence.On(new ToolCallReady(0, "call_1", "shell", "{\"cmd\":\"ls\"}")))
            .Concat(sequence.On(new UsageReported(new TokenUsage(10, 4, CacheReadTokens: 2, ReasoningTokens: 1))))
            .Concat(sequence.On(new TurnCompleted(FinishReason.ToolCalls))));

        Assert.That(events.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        }));
        Assert.That(events.Select(e => e.GetProperty("sequence_number").GetInt32()), Is.EqualTo(Enumerable.Range(0, 14)));
        Assert.That(events[2].GetProperty("output_index").GetInt32(), Is.Zero);
        Assert.That(events[2].GetProperty("item").GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        Assert.That(events[2].GetProperty("item").GetProperty("content").GetArrayLength(), Is.Zero);
        var messageId = events[2].GetProperty("item").GetProperty("id").GetString();
        Assert.That(events[3].GetProperty("item_id").GetString(), Is.EqualTo(messageId));
        Assert.That(events[3].GetProperty("part").GetProperty("type").GetString(), Is.EqualTo("output_text"));
        Assert.That(events[3].GetProperty("part").GetProperty("text").GetString(), Is.Empty);
        Assert.That(events[4].GetProperty("delta").GetString(), Is.EqualTo("Run"));
        Assert.That(events[4].GetProperty("content_index").GetInt32(), Is.Zero);
        Assert.That(events[4].GetProperty("logprobs").GetArrayLength(), Is.Zero);
        Assert.That(events[6].GetProperty("text").GetString(), Is.EqualTo("Running"));
        Assert.That(events[7].GetProperty("part").GetProperty("text").GetString(), Is.EqualTo("Running"));
        Assert.That(events[8].GetProperty("item").GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(events[9].GetProperty("output_index").GetInt32(), Is.EqualTo(1));
        Assert.That(events[9].GetProperty("item").GetProperty("arguments").GetString(), Is.Empty);
        var callId = events[9].GetProperty("item").GetProperty("id").GetString();
        Assert.That(events[10].GetProperty("item_id").GetString(), Is.EqualTo(callId));
        Assert.That(events[10].GetProperty("delta").GetString(), Is.EqualTo("{\"cmd\":\"ls\"}"));
        Assert.That(events[11].GetProperty("name").GetString(), Is.EqualTo("shell"));
        Assert.That(events[11].GetProperty("arguments").GetString(), Is.EqualTo("{\"cmd\":\"ls\"}"));
        var call = events[12].GetProperty("item");
        Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function_call"));
        Assert.That(call.GetProperty("call_id").GetString(), Is.EqualTo("call_1"));
        Assert.That(call.GetProperty("status").GetString(), Is.EqualTo("completed"));
        var response = events[13].GetProperty("response");
        Assert.That(response.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(response.GetProperty("output").GetArrayLength(), Is.EqualTo(2));
        Assert.That(response.GetProperty("usage").GetRawText(), Is.EqualTo(
            """{"input_tokens":12,"input_tokens_details":{"cached_tokens":2},"output_tokens":4,"output_tokens_details":{"reasoning_tokens":1},"total_tokens":16}"""));
    }

    [Test]
    public void A_custom_tool_call_carries_its_input_string()
    {
        var (sequence, _) = Sequence("""{"model":"m","input":"hi","tools":[{"type":"custom","name":"apply_patch"}]}""");
        var events = Wire(sequence.Begin().Concat(sequence.On(new ToolCallReady(0, "call_9", "apply_patch", "{\"input\":\"*** Begin Patch\"}"))));

        Assert.That(events.Skip(2).Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "response.output_item.added", "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done", "response.output_item.done",
        }));
        var item = events[^1].GetProperty("item");
        Assert.That(item.GetProperty("type").GetString(), Is.EqualTo("custom_tool_call"));
        Assert.That(item.GetProperty("id").GetString(), Does.StartWith("ctc_"));
        Assert.That(item.GetProperty("input").GetString(), Is.EqualTo("*** Begin Patch"));
        Assert.That(events[4].GetProperty("input").GetString(), Is.EqualTo("*** Begin Patch"));
    }

    [Test]
    public void The_model_named_before_the_start_is_kept_and_a_later_one_ignored()
    {
        var (sequence, _) = Sequence("""{"model":"opus","input":"hi"}""");
        _ = sequence.On(new ModelReported("claude-opus-4-8")).ToList();
        var created = Wire(sequence.Begin())[0];
        _ = sequence.On(new ModelReported("something-else")).ToList();
        var completed = Wire(sequence.On(new TurnCompleted(FinishReason.Stop)))[^1];

        Assert.That(created.GetProperty("response").GetProperty("model").GetString(), Is.EqualTo("claude-opus-4-8"));
        Assert.That(completed.GetProperty("response").GetProperty("model").GetString(), Is.EqualTo("claude-opus-4-8"));
    }

    [Test]
    public void A_failed_turn_is_a_failed_response_with_the_error_and_the_items_so_far()
    {
        var (sequence, _) = Sequence("""{"model":"m","input":"hi"}""");
        var events = Wire(sequence.Begin().Concat(sequence.On(new TextDelta("Part"))).Concat(sequence.On(new TurnFailed(GatewayError.Upstream("The upstream broke.")))));
        var last = events[^1];

        Assert.That(last.GetProperty("type").GetString(), Is.EqualTo("response.failed"));
        Assert.That(last.GetProperty("response").GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(last.GetProperty("response").GetProperty("error").GetRawText(), Is.EqualTo("""{"code":"upstream_error","message":"The upstream broke."}"""));
        Assert.That(last.GetProperty("response").GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Part"));
        Assert.That(sequence.Final!.Status, Is.EqualTo("failed"));
    }

    [Test]
    public void The_response_echoes_what_was_asked()
    {
        var (sequence, _) = Sequence("""
            {"model":"m","input":"hi","instructions":"Sys","max_output_tokens":99,"parallel_tool_calls":false,"store":false,"temperature":0.3,"top_p":0.9,
             "reasoning":{"effort":"low","summary":"concise"},"text":{"format":{"type":"json_object"},"verbosity":"low"},"tool_choice":"none",
             "tools":[{"type":"web_search"}],"user":"u1","prompt_cache_key":"pk","metadata":{"k":"v"}}
            """);
        var response = Wire(sequence.Begin())[0].GetProperty("response");

        Assert.That(response.GetProperty("object").GetString(), Is.EqualTo("response"));
        Assert.That(response.GetProperty("created_at").GetInt64(), Is.EqualTo(1_767_225_600));
        Assert.That(response.GetProperty("instructions").GetString(), Is.EqualTo("Sys"));
        Assert.That(response.GetProperty("max_output_tokens").GetInt32(), Is.EqualTo(99));
        Assert.That(response.GetProperty("parallel_tool_calls").GetBoolean(), Is.False);
        Assert.That(response.GetProperty("store").GetBoolean(), Is.False);
        Assert.That(response.GetProperty("temperature").GetDouble(), Is.EqualTo(0.3));
        Assert.That(response.GetProperty("top_p").GetDouble(), Is.EqualTo(0.9));
        Assert.That(response.GetProperty("reasoning").GetRawText(), Is.EqualTo("""{"effort":"low","summary":"concise"}"""));
        Assert.That(response.GetProperty("text").GetRawText(), Is.EqualTo("""{"format":{"type":"json_object"},"verbosity":"low"}"""));
        Assert.That(response.GetProperty("tool_choice").GetString(), Is.EqualTo("none"));
        Assert.That(response.GetProperty("tools")[0].GetProperty("type").GetString(), Is.EqualTo("web_search"));
        Assert.That(response.GetProperty("truncation").GetString(), Is.EqualTo("disabled"));
        Assert.That(response.GetProperty("user").GetString(), Is.EqualTo("u1"));
        Assert.That(response.GetProperty("prompt_cache_key").GetString(), Is.EqualTo("pk"));
        Assert.That(response.GetProperty("metadata").GetProperty("k").GetString(), Is.EqualTo("v"));
        Assert.That(response.GetProperty("usage").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    private static (ResponseEventSequence, ResponseDraft) Sequence(string json)
    {
        var body = JsonSerializer.Deserialize(json, ResponsesJson.Context.ResponsesRequest)!;
        var (request, draft) = ResponsesRequestMapper.Map(body, [], maxItems: 100, createdAt: 1_767_225_600);
        return (new ResponseEventSequence(draft, request.Model), draft);
    }

    private static List<JsonElement> Wire(IEnumerable<ResponseStreamEvent> events) =>
        [.. events.Select(e => JsonDocument.Parse(JsonSerializer.Serialize(e, ResponsesJson.Context.ResponseStreamEvent)).RootElement.Clone())];
}
