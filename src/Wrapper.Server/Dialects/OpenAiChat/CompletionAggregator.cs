using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using System.Text;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;
using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>Collects a whole run into one <c>chat.completion</c>; a failure becomes a <see cref="GatewayException"/>.</summary>
internal sealed class CompletionAggregator(TimeProvider time)
{
    public async Task<ChatCompletion> CollectAsync(CompletionRun run, CompletionRequest request, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var toolCalls = new List<ToolCall>();
        TokenUsage? usage = null;
        var model = request.Model; // until the CLI names the model that serves it
        await foreach (var providerEvent in run.ReadEventsAsync(cancellationToken))
        {
            switch (providerEvent)
            {
                case TextDelta delta:
                    text.Append(delta.Text);
                    break;
                case ReasoningDelta delta:
                    reasoning.Append(delta.Text);
                    break;
                case ToolCallReady call:
                    toolCalls.Add(new ToolCall { Id = call.Id, Type = "function", Function = new FunctionCall { Name = call.Name, Arguments = call.Arguments } });
                    break;
                case ModelReported reported:
                    model = reported.Model;
                    break;
                case UsageReported reported:
                    usage = reported.Usage;
                    break;
                case TurnFailed failed:
                    throw new GatewayException(failed.Error);
                case TurnCompleted completed:
                    // OpenAI's content is null when the answer is only tool calls.
                    var message = new ResponseMessage(text.Length == 0 && toolCalls.Count > 0 ? null : text.ToString())
                    {
                        ReasoningContent = reasoning.Length > 0 ? reasoning.ToString() : null,
                        ToolCalls = toolCalls.Count > 0 ? toolCalls : null,
                    };
                    return new ChatCompletion(CompletionIds.New(), time.GetUtcNow().ToUnixTimeSeconds(), model,
                        [new ChatCompletionChoice(0, message, FinishReasons.ToWire(completed.Reason))], UsageMapper.ToWire(usage));
            }
        }
        // The run ended without an outcome only when the client left: nobody to answer.
        throw new OperationCanceledException(cancellationToken);
    }
}
