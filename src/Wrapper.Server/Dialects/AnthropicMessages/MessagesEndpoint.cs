using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Security;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// <c>POST /v1/messages</c> and <c>/v1/messages/count_tokens</c> (also without <c>/v1</c>, and with
/// the SDKs' <c>?beta=true</c>): parse the body into the core's request, run it, answer in
/// Anthropic's shape. <c>anthropic-version</c> and <c>anthropic-beta</c> are accepted whatever they say.
/// </summary>
internal static class MessagesEndpoint
{
    public static async Task HandleAsync(HttpContext context, CompletionPipeline pipeline, MessagesAnswers answers, IOptions<RequestLimitOptions> limits)
    {
        if (await ReadOrAnswerAsync(context) is not { } body) return;
        // Checked with the rest of the body inside the pipeline; here only what the answer needs.
        IReadOnlyList<string> stopSequences = [.. (body.StopSequences ?? []).Where(s => !string.IsNullOrEmpty(s)).OfType<string>()];
        await pipeline.RunAsync(context, () => Parse(body, limits.Value), answers.For(stopSequences));
    }

    /// <summary><c>{"input_tokens":N}</c>: an estimate (about four characters a token), not the upstream tokenizer's count.</summary>
    public static async Task CountTokensAsync(HttpContext context, CompletionPipeline pipeline, IOptions<RequestLimitOptions> limits)
    {
        if (await ReadOrAnswerAsync(context) is not { } body) return;
        try
        {
            var (request, _) = pipeline.Route(context, Parse(body, limits.Value, countOnly: true));
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new TokenCount(TokenEstimate.Of(request)), AnthropicJsonContext.Wire.TokenCount, context.RequestAborted);
        }
        catch (GatewayException e)
        {
            await AnthropicErrors.WriteAsync(context.Response, e.Error, context.RequestAborted);
        }
    }

    /// <summary>The validated core request of a Messages body (also what <c>/v1/debug/request</c> shows).</summary>
    internal static CompletionRequest Parse(MessagesRequest body, RequestLimitOptions limits, bool countOnly = false)
    {
        RequestLimits.CheckMessageCount(body.Messages?.Count ?? 0, limits.MaxMessages);
        return MessagesRequestMapper.Map(body, countOnly);
    }

    internal static Task<MessagesRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(request, AnthropicJsonContext.Default.MessagesRequest, cancellationToken);

    // A body that cannot be read is answered here, in Anthropic's error shape, before the pipeline runs.
    private static async Task<MessagesRequest?> ReadOrAnswerAsync(HttpContext context)
    {
        try
        {
            return await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (GatewayException e)
        {
            await AnthropicErrors.WriteAsync(context.Response, e.Error, context.RequestAborted);
            return null;
        }
    }
}
