using Wrapper.Server.Core;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// Builds the chunks of one streamed answer: same id, created time and model in every chunk (the model
/// the CLI named before the first chunk, else the requested id).
/// </summary>
internal sealed class ChunkFactory(string model, TimeProvider time)
{

    public string Id { get; } = CompletionIds.New();
    public long Created { get; } = time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The first chunk: it carries the role, as OpenAI's does.</summary>
    public ChatCompletionChunk Role(string content = "") => Delta(new ChunkDelta { Role = "assistant", Content = content });

    public ChatCompletionChunk Content(string text) => Delta(new ChunkDelta { Content = text });

    public ChatCompletionChunk Reasoning(string text) => Delta(new ChunkDelta { ReasoningContent = text });

    /// <summary>A whole tool call in one piece: index, id, type, name and non-empty JSON arguments together.</summary>
    public ChatCompletionChunk ToolCall(ToolCallReady call) => Delta(new ChunkDelta
    {
        ToolCalls = [new ChunkToolCall(call.Index, new FunctionCallDelta(call.Arguments) { Name = call.Name }) { Id = call.Id, Type = "function" }],
    });

    public ChatCompletionChunk Finish(FinishReason reason) =>
        new(Id, Created, model, [new ChunkChoice(0, new ChunkDelta(), FinishReasons.ToWire(reason))]);

    /// <summary>The usage chunk that <c>stream_options.include_usage</c> asks for: no choices.</summary>
    public ChatCompletionChunk Usage(TokenUsage? usage) => new(Id, Created, model, []) { Usage = UsageMapper.ToWire(usage) };

    private ChatCompletionChunk Delta(ChunkDelta delta) => new(Id, Created, model, [new ChunkChoice(0, delta, null)]);
}
