using System.Text;
using System.Text.Json;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>Folds a stream's events into the one message a non-streamed request gets, as the SDKs' accumulators do.</summary>
internal sealed class MessageAccumulator
{
    private readonly List<(OutputBlock Block, StringBuilder Text)> _blocks = [];
    private Message? _message;

    public void Apply(object streamEvent)
    {
        switch (streamEvent)
        {
            case MessageStartEvent start:
                _message = start.Message;
                break;
            case ContentBlockStartEvent start:
                _blocks.Add((start.ContentBlock, new StringBuilder()));
                break;
            case ContentBlockDeltaEvent { Delta: var delta } change:
                var (block, text) = _blocks[change.Index];
                if (delta.Signature is { } signature) _blocks[change.Index] = (block with { Signature = signature }, text);
                else text.Append(delta.Text ?? delta.Thinking ?? delta.PartialJson);
                break;
            case MessageDeltaEvent end when _message is not null:
                _message = _message with { StopReason = end.Delta.StopReason, StopSequence = end.Delta.StopSequence, Usage = end.Usage };
                break;
        }
    }

    /// <summary>The whole message, named after <paramref name="model"/> (the CLI may name it only at the end).</summary>
    public Message Result(string model) =>
        (_message ?? throw new InvalidOperationException("No message_start was applied.")) with { Model = model, Content = [.. _blocks.Select(Complete)] };

    private static OutputBlock Complete((OutputBlock Block, StringBuilder Text) entry) => entry.Block.Type switch
    {
        "text" => entry.Block with { Text = entry.Text.ToString() },
        "thinking" => entry.Block with { Thinking = entry.Text.ToString() },
        _ => entry.Block with { Input = Input(entry.Text.ToString()) },
    };

    // The gateway checked the arguments as JSON before they came here; an empty call has no input.
    private static JsonElement Input(string json)
    {
        try
        {
            return JsonDocument.Parse(json.Length == 0 ? "{}" : json).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
    }
}
