using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;

namespace Wrapper.Tests.AnthropicMessages;

/// <summary>Provider events → Anthropic's stream events, rendered as JSON field by field (https://docs.anthropic.com/en/api/messages-streaming).</summary>
public sealed class MessageEventSequenceTests
{
    [Test]
    public void Thinking_text_and_a_tool_call_become_three_blocks_in_Anthropics_order()
    {
        var sequence = new MessageEventSequence("msg_1", "claude-x", []);
        var events = sequence.Begin([new ModelReported("claude-x-20260101"), new UsageReported(new TokenUsage(10, 0, 2, 3))]);
        foreach (var providerEvent in new ProviderEvent[]
        {
            new ReasoningDelta("Think"), new ReasoningDelta("ing"), new TextDelta("Hel"), new TextDelta("lo"),
            new ToolCallReady(0, "toolu_9", "Read", """{"file_path":"a"}"""), new UsageReported(new TokenUsage(10, 7, 2, 3)),
            new TurnCompleted(FinishReason.ToolCalls),
        })
            events.AddRange(sequence.On(providerEvent));

        var json = events.Select(Json).ToList();
        Assert.That(json.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "message_start",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop",
        }));
        Assert.That(json[0].GetRawText(), Is.EqualTo("""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x-20260101","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":0,"cache_creation_input_tokens":3,"cache_read_input_tokens":2}}}"""));
        Assert.That(json[1].GetRawText(), Is.EqualTo("""{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"""));
        Assert.That(json[2].GetRawText(), Is.EqualTo("""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Think"}}"""));
        Assert.That(json[4].GetProperty("delta").GetProperty("type").GetString(), Is.EqualTo("signature_delta"));
        Assert.That(json[5].GetRawText(), Is.EqualTo("""{"type":"content_block_stop","index":0}"""));
        Assert.That(json[6].GetRawText(), Is.EqualTo("""{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"""));
        Assert.That(json[7].GetRawText(), Is.EqualTo("""{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hel"}}"""));
        Assert.That(json[10].GetRawText(), Is.EqualTo("""{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_9","name":"Read","input":{},"caller":{"type":"direct"}}}"""));
        Assert.That(json[11].GetRawText(), Is.EqualTo("""{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"file_path\":\"a\"}"}}"""));
        Assert.That(json[13].GetRawText(), Is.EqualTo("""{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":10,"output_tokens":7,"cache_creation_input_tokens":3,"cache_read_input_tokens":2}}"""));
        Assert.That(json[14].GetRawText(), Is.EqualTo("""{"type":"message_stop"}"""));
        Assert.That(sequence.Ended, Is.True);
    }

    [Test]
    public void The_same_events_fold_into_the_whole_message()
    {
        var sequence = new MessageEventSequence("msg_2", "claude-x", []);
        var accumulator = new MessageAccumulator();
        foreach (var e in sequence.Begin([])) accumulator.Apply(e);
        foreach (var providerEvent in new ProviderEvent[]
        {
            new ReasoningDelta("Hmm"), new TextDelta("Hi "), new TextDelta("there"), new ToolCallReady(0, "toolu_1", "Bash", """{"command":"ls"}"""),
            new ModelReported("claude-x-2"), new UsageReported(new TokenUsage(5, 4)), new TurnCompleted(FinishReason.ToolCalls),
        })
            foreach (var e in sequence.On(providerEvent)) accumulator.Apply(e);

        var message = JsonSerializer.SerializeToElement(accumulator.Result(sequence.Model), AnthropicJsonContext.Wire.Message);

        Assert.That(message.GetRawText(), Is.EqualTo(
            """{"id":"msg_2","type":"message","role":"assistant","model":"claude-x-2","content":[{"type":"thinking","thinking":"Hmm","signature":"d3JhcHBlcjp1bnNpZ25lZA=="},{"type":"text","text":"Hi there"},{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"},"caller":{"type":"direct"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"""));
    }

    [TestCase("Stop", "end_turn")]
    [TestCase("Length", "max_tokens")]
    [TestCase("ToolCalls", "tool_use")]
    public void Finish_reasons_are_Anthropics_stop_reasons(string reason, string stopReason) =>
        Assert.That(MessageEventSequence.StopReason(Enum.Parse<FinishReason>(reason)), Is.EqualTo(stopReason));

    [Test]
    public void A_stop_sequence_split_across_pieces_ends_the_message_before_it()
    {
        var sequence = new MessageEventSequence("msg_3", "m", ["END!"]);
        var events = sequence.Begin([]);
        foreach (var piece in new[] { "Done E", "N", "D! and more" }) events.AddRange(sequence.On(new TextDelta(piece)));
        events.AddRange(sequence.On(new TurnCompleted(FinishReason.Stop)));

        var texts = events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta.Text);
        Assert.That(string.Concat(texts), Is.EqualTo("Done "));
        var end = events.OfType<MessageDeltaEvent>().Single();
        Assert.That((end.Delta.StopReason, end.Delta.StopSequence), Is.EqualTo(("stop_sequence", "END!")));
        Assert.That(events[^1], Is.TypeOf<MessageStopEvent>());
    }

    [Test]
    public void Held_back_text_that_was_no_stop_sequence_is_sent_at_the_end()
    {
        var sequence = new MessageEventSequence("msg_4", "m", ["END!"]);
        var events = sequence.Begin([]);
        events.AddRange(sequence.On(new TextDelta("The EN")));
        Assert.That(string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta.Text)), Is.EqualTo("The "));
        events.AddRange(sequence.On(new TurnCompleted(FinishReason.Stop)));

        Assert.That(string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta.Text)), Is.EqualTo("The EN"));
        Assert.That(events.OfType<MessageDeltaEvent>().Single().Delta.StopReason, Is.EqualTo("end_turn"));
    }

    [Test]
    public void A_failure_is_one_error_event_in_Anthropics_shape_and_nothing_follows()
    {
        var sequence = new MessageEventSequence("msg_5", "m", []);
        sequence.Begin([]);

        var events = sequence.On(new TurnFailed(GatewayError.UpstreamRateLimited("slow down", 30)));

        Assert.That(Json(events.Single()).GetRawText(), Is.EqualTo("""{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"""));
        Assert.That(sequence.On(new TextDelta("late")), Is.Empty);
    }

    [Test]
    public void Progress_markers_are_text_deltas_of_the_first_block_and_the_answer_follows_on_its_own_line()
    {
        var sequence = new MessageEventSequence("msg_6", "m", []);

        var events = sequence.Begin([], showProgress: true);
        events.AddRange(sequence.Progress(" ◐·"));
        events.AddRange(sequence.On(new TextDelta("Done")));
        events.AddRange(sequence.Progress(" ◓··"));
        events.AddRange(sequence.On(new TurnCompleted(FinishReason.Stop)));

        var json = events.Select(Json).ToList();
        Assert.That(json.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop",
        }), "one text block, and no marker once the answer began");
        Assert.That(json[1].GetRawText(), Is.EqualTo("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
        var deltas = json[2..6].Select(e => e.GetProperty("delta")).ToList();
        Assert.That(deltas.Select(d => d.GetProperty("type").GetString()), Is.All.EqualTo("text_delta"));
        Assert.That(deltas.Select(d => d.GetProperty("text").GetString()), Is.EqualTo(new[] { "⏳", " ◐·", "\n\n", "Done" }));
        Assert.That(json[2..6].Select(e => e.GetProperty("index").GetInt32()), Is.All.Zero);
        Assert.That(json[7].GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        Assert.That(sequence.AnswerStarted, Is.True);
    }

    [Test]
    public void A_tool_call_after_markers_is_its_own_block_with_its_input_untouched()
    {
        var sequence = new MessageEventSequence("msg_7", "m", []);

        var events = sequence.Begin([], showProgress: true);
        events.AddRange(sequence.On(new ToolCallReady(0, "toolu_1", "Read", """{"file_path":"a"}""")));
        events.AddRange(sequence.On(new TurnCompleted(FinishReason.ToolCalls)));

        var json = events.Select(Json).ToList();
        Assert.That(json.Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "message_start", "content_block_start", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        }));
        Assert.That(json[2].GetProperty("delta").GetProperty("text").GetString(), Is.EqualTo("⏳"));
        Assert.That(json[5].GetRawText(), Is.EqualTo("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"file_path\":\"a\"}"}}"""));
    }

    [Test]
    public void Without_progress_no_marker_is_ever_produced()
    {
        var sequence = new MessageEventSequence("msg_8", "m", []);

        var events = sequence.Begin([]);
        events.AddRange(sequence.On(new TextDelta("Plain")));

        Assert.That(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta.Text), Is.EqualTo(new[] { "Plain" }));
    }

    private static JsonElement Json(object streamEvent) => streamEvent switch
    {
        MessageStartEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.MessageStartEvent),
        ContentBlockStartEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.ContentBlockStartEvent),
        ContentBlockDeltaEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.ContentBlockDeltaEvent),
        ContentBlockStopEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.ContentBlockStopEvent),
        MessageDeltaEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.MessageDeltaEvent),
        MessageStopEvent e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.MessageStopEvent),
        ErrorResponse e => JsonSerializer.SerializeToElement(e, AnthropicJsonContext.Wire.ErrorResponse),
        _ => throw new AssertionException(streamEvent.GetType().Name),
    };
}
