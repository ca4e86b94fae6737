using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// A fake Gemini API (generativelanguage v1beta) on real Kestrel, enough for the real Gemini CLI:
/// point it here with <c>GOOGLE_GEMINI_BASE_URL</c> and any <c>GEMINI_API_KEY</c>. Answers
/// <c>models/{m}:streamGenerateContent?alt=sse</c> as SSE chunks and <c>:generateContent</c> as JSON,
/// or Google's error JSON with <see cref="FailStatus"/>. Set the properties before the client starts.
/// </summary>
internal sealed partial class FakeGeminiServer() : FakeModelServer("Hello from fake Gemini")
{
    public static Task<FakeGeminiServer> StartAsync() => StartAsync(new FakeGeminiServer());

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        var route = ModelRoute().Match(context.Request.Path.Value ?? "");
        if (context.Request.Method != "POST" || !route.Success)
        {
            await ErrorAsync(context, 404, $"fake: no route for {context.Request.Method} {context.Request.Path}");
            return;
        }
        CountModelCall();
        if (FailStatus is { } status)
        {
            await ErrorAsync(context, status);
            return;
        }
        var model = route.Groups["model"].Value;
        if (route.Groups["method"].Value == "streamGenerateContent" && WantsFunctionCalls(body))
        {
            await FunctionCallsAsync(context, model, body.Length);
            return;
        }
        var pieces = Words(AnswerFor(body));
        if (route.Groups["method"].Value == "generateContent")
        {
            await FakeJson.WriteAsync(context, Chunk(model, string.Concat(pieces), last: true, body.Length));
            return;
        }
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && ChunkDelay > TimeSpan.Zero) await Task.Delay(ChunkDelay, context.RequestAborted);
            // The real API separates SSE events with CRLF CRLF.
            var frame = Encoding.UTF8.GetBytes($"data: {Chunk(model, pieces[i], i == pieces.Count - 1, body.Length).ToJsonString()}\r\n\r\n");
            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private JsonObject Chunk(string model, string text, bool last, int bodyLength)
    {
        var promptTokens = Math.Max(1, bodyLength / 4) + CachedTokens;
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) },
            ["index"] = 0,
        };
        if (last) candidate["finishReason"] = "STOP";
        var usage = new JsonObject { ["promptTokenCount"] = promptTokens, ["totalTokenCount"] = promptTokens };
        if (last)
        {
            usage["candidatesTokenCount"] = 5;
            usage["totalTokenCount"] = promptTokens + 5;
            if (CachedTokens > 0) usage["cachedContentTokenCount"] = CachedTokens;
        }
        return new JsonObject { ["candidates"] = new JsonArray(candidate), ["usageMetadata"] = usage, ["modelVersion"] = model, ["responseId"] = "fake" };
    }

    private static Task ErrorAsync(HttpContext context, int status, string? message = null)
    {
        context.Response.StatusCode = status;
        var (reason, text) = status switch
        {
            401 => ("UNAUTHENTICATED", "Request had invalid authentication credentials."),
            403 => ("PERMISSION_DENIED", "The caller does not have permission."),
            429 => ("RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
            404 => ("NOT_FOUND", "Not found."),
            _ => ("INTERNAL", "An internal error has occurred."),
        };
        return FakeJson.WriteAsync(context, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = status, ["message"] = message ?? text, ["status"] = reason },
        });
    }

    [GeneratedRegex(@"^/(v1beta|v1)/models/(?<model>[^:/]+):(?<method>streamGenerateContent|generateContent)$")]
    private static partial Regex ModelRoute();
}
