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
/// A fake OpenAI API on real Kestrel: <c>POST /v1/chat/completions</c> (streamed, for Qwen Code) and
/// <c>POST /v1/responses</c> (streamed, for Codex; FakeOpenAiServer.Responses.cs, and with function
/// calls, FakeOpenAiServer.FunctionCalls.cs). Point a CLI here
/// with <c>OPENAI_BASE_URL=&lt;BaseUrl&gt;/v1</c>. Set the properties before the client starts.
/// </summary>
internal sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock requestsLock = new();
    private readonly List<RecordedRequest> requests = [];
    private int modelCallCount;

    private FakeOpenAiServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:P/v1</c>, as OPENAI_BASE_URL.</summary>
    public string ApiUrl => BaseUrl.ToString().TrimEnd('/') + "/v1";

    public string ReplyText { get; set; } = "Hello from fake OpenAI";

    /// <summary>When set, every model call is answered with this status and OpenAI's error JSON.</summary>
    public int? FailStatus { get; set; }

    /// <summary>Reported as prompt_tokens_details.cached_tokens (included in prompt_tokens, as OpenAI counts).</summary>
    public int CachedTokens { get; set; }

    public int PromptTokens { get; set; } = 100;

    /// <summary>Pause before each piece after the first.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>When set, the answer is the text after this marker in the request (to the end of its line).</summary>
    public string? EchoAfter { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requestsLock) return [.. requests]; }
    }

    public int ModelCallCount => Volatile.Read(ref modelCallCount);

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
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
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        if (context.Request.Method == "GET" && path == "/v1/models")
        {
            await FakeJson.WriteAsync(context, new JsonObject { ["object"] = "list", ["data"] = new JsonArray() });
            return;
        }
        if (context.Request.Method != "POST" || path is not ("/v1/chat/completions" or "/v1/responses"))
        {
            await ErrorAsync(context, 404, $"fake: no route for {context.Request.Method} {path}");
            return;
        }
        Interlocked.Increment(ref modelCallCount);
        if (FailStatus is { } status)
        {
            await ErrorAsync(context, status);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        if (path == "/v1/chat/completions" && WantsChatToolCalls(body))
        {
            await ChatToolCallsAsync(context);
            return;
        }
        if (path == "/v1/responses" && FunctionCalls.Count > 0 && !EndsWithFunctionOutput(body))
        {
            await FunctionCallsAsync(context);
            return;
        }
        var pieces = Words(AnswerFor(body));
        if (path == "/v1/responses") await ResponsesAsync(context, pieces);
        else await ChatCompletionsAsync(context, pieces);
    }

    private async Task ChatCompletionsAsync(HttpContext context, IReadOnlyList<string> pieces)
    {
        var id = "chatcmpl-fake";
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1767225600, ["model"] = "fake",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await SendAsync(context, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && ChunkDelay > TimeSpan.Zero) await Task.Delay(ChunkDelay, context.RequestAborted);
            await SendAsync(context, Chunk(new JsonObject { ["content"] = pieces[i] }, null));
        }
        await SendAsync(context, Chunk(new JsonObject(), "stop"));
        await SendAsync(context, new JsonObject
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1767225600, ["model"] = "fake", ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = pieces.Count, ["total_tokens"] = PromptTokens + pieces.Count,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = CachedTokens },
            },
        });
        await WriteAsync(context, "data: [DONE]\n\n");
    }

    private static Task SendAsync(HttpContext context, JsonNode data, string? eventName = null) =>
        WriteAsync(context, (eventName is null ? "" : $"event: {eventName}\n") + $"data: {data.ToJsonString()}\n\n");

    private static async Task WriteAsync(HttpContext context, string frame)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
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

    private static List<string> Words(string text) =>
        [.. Regex.Split(text, @"(?<=\s)(?=\S)").Where(piece => piece.Length > 0)];

    private static Task ErrorAsync(HttpContext context, int status, string? message = null)
    {
        context.Response.StatusCode = status;
        var (type, code, text) = status switch
        {
            401 => ("invalid_request_error", "invalid_api_key", "Incorrect API key provided: fake***. You can find your API key at https://platform.openai.com/account/api-keys."),
            429 => ("requests", "rate_limit_exceeded", "Rate limit reached for requests"),
            404 => ("invalid_request_error", "not_found", "Not found"),
            _ => ("server_error", "server_error", "The server had an error while processing your request. Sorry about that!"),
        };
        return FakeJson.WriteAsync(context, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message ?? text, ["type"] = type, ["param"] = null, ["code"] = code },
        });
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
