using System.Text;

namespace Wrapper.Server.Core;

/// <summary>
/// The assistant message a run gave its client (text and the tool calls that passed the filter), and
/// how many calls the model made: a turn can be continued only when the client saw every call.
/// </summary>
internal sealed class TurnRecord
{
    private readonly StringBuilder _text = new();
    private readonly List<ToolCallReady> _calls = [];
    private int _modelCalls;

    public FinishReason? Finish { get; private set; }

    public IReadOnlyList<ToolCallReady> Calls => _calls;

    /// <summary>True when the client got every tool call the model made (none dropped by the filter).</summary>
    public bool ClientSawEveryCall => _calls.Count > 0 && _calls.Count == _modelCalls;

    /// <summary>True when the turn ended with a whole answer and no tool call (the CLI printed its result).</summary>
    public bool EndedPlainly => Finish is FinishReason.Stop or FinishReason.Length && _modelCalls == 0;

    /// <summary>An event as the CLI's parser produced it, before the tool-call filter.</summary>
    public void Produced(ProviderEvent providerEvent)
    {
        if (providerEvent is ToolCallReady) _modelCalls++;
    }

    /// <summary>An event as the client gets it.</summary>
    public void Delivered(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case TextDelta text: _text.Append(text.Text); break;
            case ToolCallReady call: _calls.Add(call); break;
            case TurnCompleted completed: Finish = completed.Reason; break;
        }
    }

    /// <summary>The message as the client will send it back in its next request.</summary>
    public ConversationMessage AsAssistantMessage() => new(ConversationRole.Assistant, _text.ToString())
    {
        ToolCalls = [.. _calls.Select(c => new HistoryToolCall(c.Id, c.Name, c.Arguments))],
    };
}
