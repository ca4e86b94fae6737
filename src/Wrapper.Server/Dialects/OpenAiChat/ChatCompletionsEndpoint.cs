using Wrapper.Server.Api;
using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Images;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary><c>POST /v1/chat/completions</c>: validate, route by model, run the CLI, answer or stream.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(
        HttpContext context,
        ProviderRegistry providers,
        CompletionRunner runner,
        ChatCompletionStreamer streamer,
        CompletionAggregator aggregator,
        XmlToolDetector xmlTools,
        ImagePreparer images,
        IOptions<StreamingOptions> streaming,
        RateLimiting.CliConcurrencyGate gate,
        Security.ClientAddress clients,
        IOptions<Security.RequestLimitOptions> limits)
    {
        var aborted = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context.Request, aborted);
            Security.RequestLimits.CheckMessageCount(body, limits.Value.MaxMessages);
            var request = ChatRequestValidator.Validate(body);
            request = request with { ClientIdentity = clients.PartitionKey(context), ExpectsXmlTools = xmlTools.Assess(request).ExpectsXmlTools };
            var provider = providers.ForModel(request.CliModel) ?? throw new GatewayException(GatewayError.ModelNotFound(request.Model));
            context.Items[RequestLogItems.Provider] = provider.Name;
            context.Items[RequestLogItems.Model] = request.Model;

            // The CLI slot is given back after the run is disposed (declared first, disposed last).
            using var slot = await gate.AcquireAsync(context, aborted);
            // Images are decoded inside the slot: MAX_CONCURRENT_REQUESTS also bounds the memory conversions take.
            request = request with { Images = await images.PrepareAsync(request, aborted) };
            await using var run = await runner.StartAsync(request, provider, aborted);
            context.Items[RequestLogItems.Warm] = run.StartedAs;
            context.Items[RequestLogItems.History] = run.History;
            if (request.Stream)
            {
                await streamer.StreamAsync(context.Response, run, request, new StreamTimings(streaming.Value.KeepaliveInterval, streaming.Value.ProgressInterval), aborted);
            }
            else
            {
                var completion = aggregator.CollectAsync(run, request, aborted);
                await JsonKeepalive.WhileRunningAsync(context.Response, completion, streaming.Value.KeepaliveInterval, aborted);
                await JsonSerializer.SerializeAsync(context.Response.Body, await completion, WrapperJson.Context.ChatCompletion, aborted);
                context.Items[RequestLogItems.Tokens] = (await completion).Usage?.TotalTokens;
            }
            // The client has its whole answer before the CLI is stopped and the sandbox removed.
            await context.Response.CompleteAsync();
        }
        catch (GatewayException e) when (!context.Response.HasStarted)
        {
            // Also a stream's failure before its first event: the streamer held the 200 back for this.
            await ErrorResponses.WriteAsync(context.Response, e.Error, aborted);
        }
        catch (GatewayException e)
        {
            // Keepalive whitespace already committed a 200: the error can only be the body.
            await JsonSerializer.SerializeAsync(context.Response.Body, ErrorResponses.Body(e.Error), WrapperJson.Context.ErrorResponse, aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away; the run was already stopped and its sandbox removed.
        }
    }

    internal static async Task<ChatCompletionRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, WrapperJson.Context.ChatCompletionRequest, cancellationToken)
                ?? throw new GatewayException(GatewayError.InvalidRequest("The request body must be a JSON object.", null, "invalid_json"));
        }
        catch (JsonException e)
        {
            var param = JsonPaths.ToParam(e.Path);
            var where = param is null ? "" : $" at '{param}'";
            throw new GatewayException(GatewayError.InvalidRequest(
                $"The request body is not valid{where}: {JsonPaths.Describe(e)}", param, "invalid_json"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new GatewayException(new GatewayError(e.StatusCode, "invalid_request_error", "request_too_large",
                "The request body is larger than MAX_REQUEST_BODY_BYTES allows."));
        }
    }
}
