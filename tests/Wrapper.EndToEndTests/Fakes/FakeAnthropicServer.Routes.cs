using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>Request handling: one terminal handler, so every request is recorded the same way, matched or not.</summary>
internal sealed partial class FakeAnthropicServer
{
    private static readonly string[] ModelIds = ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "claude-fake-1"];

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var cancellationToken = aborted.Token;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(cancellationToken);
            var requestId = $"req_fake_{Record(context.Request, body):D4}";
            var method = context.Request.Method;
            var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
            var task = (method, path) switch
            {
                ("HEAD" or "GET", "") => FakeJson.WriteAsync(context, new JsonObject()),
                ("POST", "/v1/messages") => MessagesAsync(context, body, requestId, cancellationToken),
                ("POST", "/v1/messages/count_tokens") => FakeJson.WriteAsync(context, new JsonObject { ["input_tokens"] = Math.Max(1, body.Length / 4) }),
                ("HEAD" or "GET", "/v1/models") => FakeJson.WriteAsync(context, ModelList()),
                ("HEAD" or "GET", _) when path.StartsWith("/v1/models/", StringComparison.Ordinal) => FakeJson.WriteAsync(context, Model(path["/v1/models/".Length..])),
                _ => AnthropicErrors.WriteAsync(context, StatusCodes.Status404NotFound, requestId, $"fake: no route for {method} {path}"),
            };
            await task;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up, or the server is stopping: then drop the connection as a dying
            // server would, rather than let Kestrel finish the response as an empty 200.
            if (stopping.IsCancellationRequested) context.Abort();
        }
    }

    private async Task MessagesAsync(HttpContext context, string body, string requestId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref modelCallCount);
        if (FirstByteDelay > TimeSpan.Zero) await Task.Delay(FirstByteDelay, cancellationToken);
        if (FailStatus is { } status)
        {
            await AnthropicErrors.WriteAsync(context, status, requestId);
            return;
        }
        if (MessagesRequest.TryParse(body) is not { } request)
        {
            await AnthropicErrors.WriteAsync(context, StatusCodes.Status400BadRequest, requestId, "fake: the body is not a JSON object");
            return;
        }

        var reply = ReplyTo(request, body, PromptCache?.Account(body));
        if (!request.Stream)
        {
            context.Response.Headers["request-id"] = requestId;
            await FakeJson.WriteAsync(context, reply.Message());
            return;
        }
        SseWriter.Begin(context.Response, requestId);
        foreach (var (eventName, data) in reply.Events())
        {
            if (eventName == "content_block_delta" && DeltaDelay > TimeSpan.Zero) await Task.Delay(DeltaDelay, cancellationToken);
            await SseWriter.WriteAsync(context.Response, eventName, data, cancellationToken);
        }
    }

    private FakeReply ReplyTo(MessagesRequest request, string body, PromptCacheUsage? cached)
    {
        var blocks = new List<ReplyBlock>();
        if (ThinkingText is { } thinking) blocks.Add(ReplyBlock.Thinking(thinking));
        var answered = request.EndsWithToolResult || (ToolResultText is { } result && body.Contains(result, StringComparison.Ordinal));
        var tool = answered && !ToolUseAfterResults ? null : ToolUse;
        blocks.Add(tool is { } call ? ReplyBlock.ToolUse(call.Name, call.InputJson) : ReplyBlock.Text(ReplyText));
        if (tool is not null && SecondToolUse is { } second) blocks.Add(ReplyBlock.ToolUse(second.Name, second.InputJson));
        return new FakeReply(
            request.Model, blocks, tool is null ? "end_turn" : "tool_use",
            cached?.InputTokens ?? request.ApproxInputTokens, cached?.CacheReadTokens ?? CacheReadTokens, cached?.CacheCreationTokens ?? CacheCreationTokens);
    }

    /// <summary>Returns the request's sequence number (1-based), which also names its request-id.</summary>
    private int Record(HttpRequest request, string body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = SecretHeaders.Redact(name, values.ToString());
        lock (requestsLock)
        {
            requests.Add(new RecordedRequest(request.Method, $"{request.Path}{request.QueryString}", headers, body));
            return ++requestSequence;
        }
    }

    private static JsonObject ModelList() => new()
    {
        ["data"] = new JsonArray([.. ModelIds.Select(Model)]),
        ["has_more"] = false,
        ["first_id"] = ModelIds[0],
        ["last_id"] = ModelIds[^1],
    };

    private static JsonNode Model(string id) => new JsonObject
    {
        ["type"] = "model", ["id"] = id, ["display_name"] = id, ["created_at"] = "2025-01-01T00:00:00Z",
    };
}
