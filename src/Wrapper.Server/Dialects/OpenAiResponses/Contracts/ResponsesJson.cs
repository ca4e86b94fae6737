using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>The Responses context with the gateway's relaxed escaping (see <c>Api/Contracts/WrapperJson</c>).</summary>
internal static class ResponsesJson
{
    public static ResponsesJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
