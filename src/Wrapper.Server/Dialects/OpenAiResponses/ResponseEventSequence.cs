using System.Text;
using Wrapper.Server.Core;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// Provider events → the Responses API's stream events, numbered in the order sent, and the response
/// they add up to (https://platform.openai.com/docs/api-reference/responses-streaming). Text and
/// reasoning are one open item each while they flow (message: output_item.added, content_part.added,
/// output_text.delta…, output_text.done, content_part.done, output_item.done; reasoning the same
/// with its summary part); a tool call is whole at once; the last event is response.completed,
/// .incomplete (the output-token limit) or .failed. A non-streamed answer uses the same sequence
/// and keeps only <see cref="Final"/>.
/// </summary>
internal sealed class ResponseEventSequence(ResponseDraft draft, string model)
{
    private readonly List<OutputItem> _output = [];
    private readonly StringBuilder _open = new();
    private OpenKind _openKind;
    private string _openId = "";
    private int _sequence;
    private bool _begun;

    public string Model { get; private set; } = model;
    public TokenUsage? Usage { get; private set; }

    /// <summary>The finished response, once the run ended (completed, incomplete or failed).</summary>
    public ResponseObject? Final { get; private set; }

    /// <summary>response.created and response.in_progress: from now on the model named in them stays.</summary>
    public IEnumerable<ResponseStreamEvent> Begin()
    {
        _begun = true;
        var response = draft.Response("in_progress", Model, []);
        yield return Next(new ResponseLifecycleEvent("response.created", response));
        yield return Next(new ResponseLifecycleEvent("response.in_progress", response));
    }

    public IEnumerable<ResponseStreamEvent> On(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case TextDelta text:
                foreach (var e in Open(OpenKind.Message)) yield return e;
                _open.Append(text.Text);
                yield return Next(new OutputTextDeltaEvent(_openId, _output.Count, 0, text.Text));
                break;
            case ReasoningDelta reasoning:
                foreach (var e in Open(OpenKind.Reasoning)) yield return e;
                _open.Append(reasoning.Text);
                yield return Next(new SummaryTextDeltaEvent(_openId, _output.Count, 0, reasoning.Text));
                break;
            case ToolCallReady call:
                foreach (var e in Close()) yield return e;
                foreach (var e in ToolCall(call)) yield return e;
                break;
            case ModelReported reported when !_begun:
                Model = reported.Model;
                break;
            case UsageReported reported:
                Usage = reported.Usage;
                break;
            case TurnCompleted completed:
                foreach (var e in Close()) yield return e;
                yield return Finish(completed.Reason == FinishReason.Length
                    ? draft.Response("incomplete", Model, [.. _output], ResponseUsageMapper.ToWire(Usage), incomplete: new IncompleteDetails("max_output_tokens"))
                    : draft.Response("completed", Model, [.. _output], ResponseUsageMapper.ToWire(Usage)));
                break;
            case TurnFailed failed:
                foreach (var e in Close()) yield return e;
                yield return Finish(draft.Response("failed", Model, [.. _output], ResponseUsageMapper.ToWire(Usage),
                    new ResponseError(failed.Error.Code ?? "server_error", failed.Error.Message)));
                break;
        }
    }

    /// <summary>The <c>error</c> event for a stream that broke for a reason outside the run (shutdown, a gateway fault).</summary>
    public ResponseStreamEvent Error(Diagnostics.GatewayError error) => Next(new StreamErrorEvent(error.Code, error.Message, error.Param));

    private ResponseStreamEvent Finish(ResponseObject response)
    {
        Final = response;
        var type = response.Status switch { "incomplete" => "response.incomplete", "failed" => "response.failed", _ => "response.completed" };
        return Next(new ResponseLifecycleEvent(type, response));
    }

    private IEnumerable<ResponseStreamEvent> ToolCall(ToolCallReady call)
    {
        var index = _output.Count;
        if (draft.Tools.CustomNames.Contains(call.Name))
        {
            var input = ResponseTools.CustomInput(call.Arguments);
            var item = new CustomToolCallItem(ResponseIds.New("ctc_"), "completed", call.Id, call.Name, input);
            yield return Next(new OutputItemEvent("response.output_item.added", index, item with { Status = "in_progress", Input = "" }));
            yield return Next(new CustomInputDeltaEvent(item.Id, index, input));
            yield return Next(new CustomInputDoneEvent(item.Id, index, input));
            yield return Done(item);
        }
        else
        {
            var item = new FunctionCallItem(ResponseIds.New("fc_"), "completed", call.Id, call.Name, call.Arguments);
            yield return Next(new OutputItemEvent("response.output_item.added", index, item with { Status = "in_progress", Arguments = "" }));
            yield return Next(new ArgumentsDeltaEvent(item.Id, index, call.Arguments));
            yield return Next(new ArgumentsDoneEvent(item.Id, index, call.Name, call.Arguments));
            yield return Done(item);
        }
    }

    private IEnumerable<ResponseStreamEvent> Open(OpenKind kind)
    {
        if (_openKind == kind) yield break;
        foreach (var e in Close()) yield return e;
        _openKind = kind;
        var index = _output.Count;
        if (kind == OpenKind.Message)
        {
            _openId = ResponseIds.New("msg_");
            yield return Next(new OutputItemEvent("response.output_item.added", index, new MessageItem(_openId, "in_progress", [])));
            yield return Next(new ContentPartEvent("response.content_part.added", _openId, index, 0, new OutputText("")));
        }
        else
        {
            _openId = ResponseIds.New("rs_");
            yield return Next(new OutputItemEvent("response.output_item.added", index, new ReasoningItem(_openId, [])));
            yield return Next(new SummaryPartEvent("response.reasoning_summary_part.added", _openId, index, 0, new SummaryText("")));
        }
    }

    private IEnumerable<ResponseStreamEvent> Close()
    {
        var index = _output.Count;
        var text = _open.ToString();
        switch (_openKind)
        {
            case OpenKind.Message:
                yield return Next(new OutputTextDoneEvent(_openId, index, 0, text));
                yield return Next(new ContentPartEvent("response.content_part.done", _openId, index, 0, new OutputText(text)));
                yield return Done(new MessageItem(_openId, "completed", [new OutputText(text)]));
                break;
            case OpenKind.Reasoning:
                yield return Next(new SummaryTextDoneEvent(_openId, index, 0, text));
                yield return Next(new SummaryPartEvent("response.reasoning_summary_part.done", _openId, index, 0, new SummaryText(text)));
                yield return Done(new ReasoningItem(_openId, [new SummaryText(text)]));
                break;
        }
        _openKind = OpenKind.None;
        _open.Clear();
    }

    private ResponseStreamEvent Done(OutputItem item)
    {
        _output.Add(item);
        return Next(new OutputItemEvent("response.output_item.done", _output.Count - 1, item));
    }

    private ResponseStreamEvent Next(ResponseStreamEvent e) => e with { SequenceNumber = _sequence++ };

    private enum OpenKind
    {
        None,
        Message,
        Reasoning,
    }
}
