using Wrapper.Server.Dialects.Streaming;
using Wrapper.Server.Api.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

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
                return new MessageContent(ReadParts(ref reader));
            default:
                throw new JsonException("must be a string, null, or an array of content parts");
        }
    }

    /// <summary>
    /// Each element must be a part object: a null or a number among the parts is the client's error
    /// (<c>content: [null]</c> was a 500). The serializer puts this property's path on the
    /// exception; the message names the part.
    /// </summary>
    private static List<ContentPart> ReadParts(ref Utf8JsonReader reader)
    {
        var parts = new List<ContentPart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException($"content[{parts.Count}] must be a content part object such as {{\"type\":\"text\",\"text\":\"...\"}}");
            try
            {
                parts.Add(JsonSerializer.Deserialize(ref reader, WrapperJsonContext.Default.ContentPart)!);
            }
            catch (JsonException e)
            {
                var inner = JsonPaths.ToParam(e.Path);
                throw new JsonException($"content[{parts.Count}]{(inner is null ? "" : "." + inner)}: {JsonPaths.Describe(e)}");
            }
        }
        return parts;
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Parts.ToList(), WrapperJsonContext.Default.ListContentPart);
}
