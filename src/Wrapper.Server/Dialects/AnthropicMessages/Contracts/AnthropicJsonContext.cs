using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>Source-generated JSON for the Messages API's wire types: snake_case, as Anthropic spells them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(List<ContentBlock>))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(TokenCount))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelPage))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(PingEvent))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the gateway writes with: relaxed escaping keeps code readable on the wire
    /// (<c>&lt;</c> stays <c>&lt;</c>), as for the OpenAI dialects (Api/Contracts/WrapperJson).
    /// </summary>
    public static AnthropicJsonContext Wire { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
