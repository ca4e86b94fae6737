using System.Text;
using System.Text.Json;
using Wrapper.Server.Images;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// The prompt as one user message in Claude Code's <c>--input-format stream-json</c>: the text, then
/// each image as an Anthropic base64 image block, in attachment order. Used when a request has images.
/// </summary>
internal static class ClaudeStreamInput
{
    public static string UserMessage(string text, IReadOnlyList<PreparedImage> images)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "user");
            json.WriteStartObject("message");
            json.WriteString("role", "user");
            json.WriteStartArray("content");
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
            foreach (var image in images)
            {
                json.WriteStartObject();
                json.WriteString("type", "image");
                json.WriteStartObject("source");
                json.WriteString("type", "base64");
                json.WriteString("media_type", image.MediaType);
                json.WriteBase64String("data", image.Bytes);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
