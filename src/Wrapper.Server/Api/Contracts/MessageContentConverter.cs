using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Api.Contracts;

/// <summary>Reads <c>"text"</c> or <c>[{"type":"text",...},{"type":"image_url",...}]</c>; writes parts.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent([new ContentPart { Type = ContentPart.TextType, Text = reader.GetString() }]);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, WrapperJsonContext.Default.ListContentPart) ?? [];
                return new MessageContent(parts);
            default:
                throw new JsonException("must be a string, null, or an array of content parts");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Parts.ToList(), WrapperJsonContext.Default.ListContentPart);
}
