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
internal sealed partial class FakeOpenAiServer() : FakeModelServer("Hello from fake OpenAI")
{
    public static Task<FakeOpenAiServer> StartAsync() => StartAsync(new FakeOpenAiServer());

    /// <summary><c>http://127.0.0.1:P/v1</c>, as OPENAI_BASE_URL.</summary>
    public string ApiUrl => BaseUrl.ToString().TrimEnd('/') + "/v1";

    public int PromptTokens { get; set; } = 100;

    protected override async Task HandleAsync(HttpContext context, string body)
    {
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
        CountModelCall();
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
        if (path == "/v1/responses" && FunctionCalls.Count > 0 && !EndsWithFunctionOutput(body) && !CarriesToolResult(body))
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
}
