using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary><c>POST /v1/chat/completions</c>: parse the body into the core's request, run it, answer in Chat Completions' shape.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, CompletionPipeline pipeline, ChatCompletionAnswer answer, IOptions<Security.RequestLimitOptions> limits)
    {
        var body = await ReadForPipelineAsync(context, answer);
        if (body is null) return;
        await pipeline.RunAsync(context, () => Parse(body, limits.Value), answer);
    }

    /// <summary>The validated core request of a Chat Completions body (also what <c>/v1/debug/request</c> shows).</summary>
    internal static CompletionRequest Parse(ChatCompletionRequest body, Security.RequestLimitOptions limits)
    {
        Security.RequestLimits.CheckMessageCount(body, limits.MaxMessages);
        return ChatRequestValidator.Validate(body);
    }

    internal static Task<ChatCompletionRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(request, WrapperJson.Context.ChatCompletionRequest, cancellationToken);

    // A body that cannot be read is answered here, in the dialect's error shape, before the pipeline runs.
    private static async Task<ChatCompletionRequest?> ReadForPipelineAsync(HttpContext context, ChatCompletionAnswer answer)
    {
        try
        {
            return await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (Diagnostics.GatewayException e)
        {
            await answer.WriteErrorAsync(context.Response, e.Error, context.RequestAborted);
            return null;
        }
    }
}
