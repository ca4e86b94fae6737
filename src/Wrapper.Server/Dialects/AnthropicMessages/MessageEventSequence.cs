using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// Provider events → the Messages stream's events in Anthropic's order
/// (https://docs.anthropic.com/en/api/messages-streaming): <c>message_start</c>; per block
/// <c>content_block_start</c>, its deltas, <c>content_block_stop</c>; then <c>message_delta</c>
/// (stop reason, usage) and <c>message_stop</c>. Text and thinking arrive in pieces and stay in one
/// block until something else comes; a tool call is a whole block at once (its input as one
/// <c>input_json_delta</c>). The non-streamed answer is these same events folded into one message
/// (<see cref="MessageAccumulator"/>), so both forms always agree. A <c>-progress</c> stream shows its
/// <see cref="ProgressMarkers"/> as text in a first text block; the answer's text follows in that block
/// on its own line (README, "Progress markers").
/// </summary>
internal sealed class MessageEventSequence(string id, string model, IReadOnlyList<string> stopSequences)
{
    /// <summary>
    /// The gateway cannot sign thinking as Anthropic does; clients keep the signature to send the block
    /// back, and the gateway leaves such blocks out of the transcript, so any opaque value will do.
    /// </summary>
    internal const string ThinkingSignature = "d3JhcHBlcjp1bnNpZ25lZA==";

    private readonly StopSequenceWatch _stops = new(stopSequences);
    private string _model = model;
    private int _index = -1;
    private string? _open;
    private bool _markersShown;

    public TokenUsage? Usage { get; private set; }

    /// <summary>The model as the CLI last named it (else as requested).</summary>
    public string Model => _model;

    /// <summary>True once message_stop (or an error) was produced: nothing follows.</summary>
    public bool Ended { get; private set; }

    /// <summary>True once answer text, thinking or a tool call came: progress markers stop then.</summary>
    public bool AnswerStarted { get; private set; }

    /// <summary>
    /// message_start (with the model and usage known so far), the first progress marker when
    /// <paramref name="showProgress"/>, then the events held back before it.
    /// </summary>
    public List<object> Begin(IReadOnlyList<ProviderEvent> held, bool showProgress = false)
    {
        if (held.OfType<ModelReported>().LastOrDefault() is { } reported) _model = reported.Model;
        if (held.OfType<UsageReported>().LastOrDefault() is { } usage) Usage = usage.Usage;
        var events = new List<object>
        {
            new MessageStartEvent(new Message(id, _model, [], null, null, UsageOf(Usage is { } known ? known with { OutputTokens = 0 } : null))),
        };
        if (showProgress) events.AddRange(Progress(ProgressMarkers.First));
        foreach (var providerEvent in held) events.AddRange(On(providerEvent));
        return events;
    }

    /// <summary>One progress marker, as a text_delta of the open text block.</summary>
    public List<object> Progress(string marker)
    {
        var events = new List<object>();
        if (Ended || AnswerStarted) return events;
        _markersShown = true;
        Open("text", events);
        events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("text_delta") { Text = marker }));
        return events;
    }

    public List<object> On(ProviderEvent providerEvent)
    {
        var events = new List<object>();
        if (Ended) return events;
        switch (providerEvent)
        {
            case TextDelta text:
                if (_markersShown && !AnswerStarted)
                {
                    Open("text", events);
                    events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("text_delta") { Text = ProgressMarkers.AnswerSeparator }));
                }
                AnswerStarted = true;
                var release = _stops.Push(text.Text);
                if (release.Length > 0)
                {
                    Open("text", events);
                    events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("text_delta") { Text = release }));
                }
                if (_stops.Matched is { } matched) End("stop_sequence", matched, events);
                break;
            case ReasoningDelta reasoning:
                AnswerStarted = true;
                FlushText(events);
                Open("thinking", events);
                events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("thinking_delta") { Thinking = reasoning.Text }));
                break;
            case ToolCallReady call:
                AnswerStarted = true;
                FlushText(events);
                Close(events);
                _index++;
                events.Add(new ContentBlockStartEvent(_index, OutputBlock.ForToolUse(call.Id, call.Name, EmptyInput())));
                events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("input_json_delta") { PartialJson = call.Arguments }));
                events.Add(new ContentBlockStopEvent(_index));
                break;
            case ModelReported reported:
                _model = reported.Model;
                break;
            case UsageReported reported:
                Usage = reported.Usage;
                break;
            case TurnCompleted completed:
                FlushText(events);
                End(StopReason(completed.Reason), null, events);
                break;
            case TurnFailed failed:
                Ended = true;
                events.Add(AnthropicErrors.Body(failed.Error));
                break;
        }
        return events;
    }

    public static string StopReason(FinishReason reason) => reason switch
    {
        FinishReason.Length => "max_tokens",
        FinishReason.ToolCalls => "tool_use",
        _ => "end_turn",
    };

    public static MessageUsage UsageOf(TokenUsage? usage) =>
        new(usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, usage?.CacheCreationTokens ?? 0, usage?.CacheReadTokens ?? 0);

    private void FlushText(List<object> events)
    {
        var rest = _stops.Flush();
        if (rest.Length == 0) return;
        Open("text", events);
        events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("text_delta") { Text = rest }));
    }

    private void Open(string kind, List<object> events)
    {
        if (_open == kind) return;
        Close(events);
        _index++;
        _open = kind;
        events.Add(new ContentBlockStartEvent(_index, kind == "text" ? OutputBlock.ForText("") : OutputBlock.ForThinking("", "")));
    }

    private void Close(List<object> events)
    {
        if (_open is null) return;
        // A thinking block always ends with its signature (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
        if (_open == "thinking") events.Add(new ContentBlockDeltaEvent(_index, new BlockDelta("signature_delta") { Signature = ThinkingSignature }));
        events.Add(new ContentBlockStopEvent(_index));
        _open = null;
    }

    private void End(string stopReason, string? stopSequence, List<object> events)
    {
        Close(events);
        events.Add(new MessageDeltaEvent(new MessageDeltaBody(stopReason, stopSequence), UsageOf(Usage)));
        events.Add(new MessageStopEvent());
        Ended = true;
    }

    private static JsonElement EmptyInput() => JsonDocument.Parse("{}").RootElement.Clone();
}
