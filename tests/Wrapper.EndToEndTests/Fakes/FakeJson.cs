using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>Writes a JSON response the way the real API does: with Content-Length, not chunked.</summary>
internal static class FakeJson
{
    public static async Task WriteAsync(HttpContext context, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        // HEAD gets the headers only: Kestrel refuses body bytes for it.
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
