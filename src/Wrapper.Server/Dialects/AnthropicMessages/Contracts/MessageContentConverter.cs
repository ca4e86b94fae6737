using System.Text.Json;
using System.Text.Json.Serialization;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.AnthropicMessages.Contracts;

/// <summary>Reads <c>"text"</c> or <c>[{"type":"text",…},{"type":"image",…}]</c>; a null or a number among the blocks is the client's error.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent([new ContentBlock { Type = ContentBlock.TextType, Text = reader.GetString() }]);
            case JsonTokenType.StartArray:
                var blocks = new List<ContentBlock>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new JsonException($"content[{blocks.Count}] must be a content block object such as {{\"type\":\"text\",\"text\":\"...\"}}");
                    try
                    {
                        blocks.Add(JsonSerializer.Deserialize(ref reader, AnthropicJsonContext.Default.ContentBlock)!);
                    }
                    catch (JsonException e)
                    {
                        var inner = JsonPaths.ToParam(e.Path);
                        throw new JsonException($"content[{blocks.Count}]{(inner is null ? "" : "." + inner)}: {JsonPaths.Describe(e)}");
                    }
                }
                return new MessageContent(blocks);
            default:
                throw new JsonException("must be a string or an array of content blocks");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Blocks.ToList(), AnthropicJsonContext.Default.ListContentBlock);
}
