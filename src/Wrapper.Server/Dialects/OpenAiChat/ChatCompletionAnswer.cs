using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>A run rendered as Chat Completions: chunks over SSE, or one <c>chat.completion</c>; errors in OpenAI's shape.</summary>
internal sealed class ChatCompletionAnswer(HeldBackStream stream, TimeProvider time, CompletionAggregator aggregator, IOptions<StreamingOptions> streaming) : IDialectAnswer
{
    public string Dialect => "openai-chat";

    public async Task WriteAsync(HttpContext context, CompletionRun run, CompletionRequest request, CancellationToken cancellationToken)
    {
        if (request.Stream)
        {
            await stream.StreamAsync(context.Response, run, new ChatStreamRenderer(request, time), cancellationToken);
            return;
        }
        var completion = aggregator.CollectAsync(run, request, cancellationToken);
        await JsonKeepalive.WhileRunningAsync(context.Response, completion, streaming.Value.KeepaliveInterval, cancellationToken);
        await JsonSerializer.SerializeAsync(context.Response.Body, await completion, WrapperJson.Context.ChatCompletion, cancellationToken);
        context.Items[RequestLogItems.Tokens] = (await completion).Usage?.TotalTokens;
    }

    public async Task WriteErrorAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
            await ErrorResponses.WriteAsync(response, error, cancellationToken);
        else
            await JsonSerializer.SerializeAsync(response.Body, ErrorResponses.Body(error), WrapperJson.Context.ErrorResponse, cancellationToken);
    }
}
