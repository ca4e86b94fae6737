using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>Writes Server-Sent Events in Anthropic's framing: an <c>event:</c> line, a <c>data:</c> line, a blank line.</summary>
internal static class SseWriter
{
    public static void Begin(HttpResponse response, string requestId)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["request-id"] = requestId;
    }

    /// <summary>Flushes after every event so the client sees each delta as it is sent, not at the end.</summary>
    public static async Task WriteAsync(HttpResponse response, string eventName, JsonNode data, CancellationToken cancellationToken)
    {
        var frame = Encoding.UTF8.GetBytes($"event: {eventName}\ndata: {data.ToJsonString()}\n\n");
        await response.Body.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
