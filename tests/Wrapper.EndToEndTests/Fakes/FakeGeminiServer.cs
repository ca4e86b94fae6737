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
internal sealed partial class FakeGeminiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock requestsLock = new();
    private readonly List<RecordedRequest> requests = [];
    private int modelCallCount;

    private FakeGeminiServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The answer text, streamed one word per SSE chunk.</summary>
    public string ReplyText { get; set; } = "Hello from fake Gemini";

    /// <summary>When set, every model call is answered with this status and Google's error JSON.</summary>
    public int? FailStatus { get; set; }

    /// <summary>Reported as usageMetadata.cachedContentTokenCount.</summary>
    public int CachedTokens { get; set; }

    /// <summary>Pause before each chunk after the first: for tests that need overlapping requests.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>
    /// When set, the answer is the text after this marker in the request's last user text (up to the
    /// end of the line): lets concurrent requests each get their own answer.
    /// </summary>
    public string? EchoAfter { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requestsLock) return [.. requests]; }
    }

    public int ModelCallCount => Volatile.Read(ref modelCallCount);

    public static async Task<FakeGeminiServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeGeminiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => SecretHeaders.Redact(h.Key, h.Value.ToString()), StringComparer.OrdinalIgnoreCase);
        lock (requestsLock) requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));

        var route = ModelRoute().Match(context.Request.Path.Value ?? "");
        if (context.Request.Method != "POST" || !route.Success)
        {
            await ErrorAsync(context, 404, $"fake: no route for {context.Request.Method} {context.Request.Path}");
            return;
        }
        Interlocked.Increment(ref modelCallCount);
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

    private string AnswerFor(string body)
    {
        if (EchoAfter is not { } marker) return ReplyText;
        var start = body.LastIndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return ReplyText;
        var rest = body[(start + marker.Length)..];
        var end = rest.IndexOfAny(['\\', '"', '\n']);
        return end < 0 ? rest : rest[..end];
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

    private static List<string> Words(string text) =>
        [.. Regex.Split(text, @"(?<=\s)(?=\S)").Where(piece => piece.Length > 0)];

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

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    [GeneratedRegex(@"^/(v1beta|v1)/models/(?<model>[^:/]+):(?<method>streamGenerateContent|generateContent)$")]
    private static partial Regex ModelRoute();
}
