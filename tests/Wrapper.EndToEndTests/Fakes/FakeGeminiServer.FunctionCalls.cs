using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

internal sealed partial class FakeGeminiServer
{
    /// <summary>
    /// When set, a request that offers tools and does not end with a functionResponse is answered
    /// with <see cref="TextBeforeCalls"/> (if any) and then these calls as <c>functionCall</c> parts,
    /// each in its own SSE chunk, as the real API streams parallel calls.
    /// </summary>
    public IReadOnlyList<FakeFunctionCall> FunctionCalls { get; set; } = [];

    public string? TextBeforeCalls { get; set; }

    private bool WantsFunctionCalls(string body)
    {
        if (FunctionCalls.Count == 0 || CarriesToolResult(body)) return false;
        var request = JsonNode.Parse(body);
        var offersTools = request?["tools"] is JsonArray { Count: > 0 };
        var lastParts = (request?["contents"] as JsonArray)?.LastOrDefault()?["parts"] as JsonArray;
        return offersTools && !(lastParts?.Any(part => part?["functionResponse"] is not null) ?? false);
    }

    private async Task FunctionCallsAsync(HttpContext context, string model, int bodyLength)
    {
        List<JsonObject> parts = [];
        if (TextBeforeCalls is { } text) parts.Add(new JsonObject { ["text"] = text });
        parts.AddRange(FunctionCalls.Select(call => new JsonObject
        {
            ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = JsonNode.Parse(call.Arguments) },
        }));
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < parts.Count; i++)
        {
            var chunk = Chunk(model, "", i == parts.Count - 1, bodyLength);
            chunk["candidates"]![0]!["content"]!["parts"] = new JsonArray(parts[i]);
            var frame = Encoding.UTF8.GetBytes($"data: {chunk.ToJsonString()}\r\n\r\n");
            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
