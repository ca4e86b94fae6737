using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Api.Contracts;

/// <summary>
/// The serializer context the gateway uses. Relaxed escaping keeps code readable on the wire
/// (<c>&lt;</c> stays <c>&lt;</c> rather than <c>\u003C</c>): output is JSON bodies, never HTML.
/// </summary>
internal static class WrapperJson
{
    public static WrapperJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
