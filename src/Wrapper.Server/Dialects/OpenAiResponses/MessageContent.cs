using System.Text;
using System.Text.Json;
using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// A message's <c>content</c>: a string, or parts: <c>input_text</c>/<c>output_text</c> (text),
/// <c>input_image</c> (an image URL or data URL, handed to the CLI as images are), <c>input_file</c>
/// (a text file's <c>file_data</c> is put in the message; an image file is an image).
/// </summary>
internal static class MessageContent
{
    public static (string Text, IReadOnlyList<ImageRef> Images) Read(JsonElement item, string param)
    {
        if (!item.TryGetProperty("content", out var content)) throw ResponsesErrors.Invalid($"{param}.content is required.", $"{param}.content");
        if (content.ValueKind == JsonValueKind.String) return (content.GetString()!, []);
        if (content.ValueKind != JsonValueKind.Array)
            throw ResponsesErrors.Invalid($"{param}.content must be a string or an array of content parts.", $"{param}.content");
        var text = new StringBuilder();
        var images = new List<ImageRef>();
        var j = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partParam = $"{param}.content[{j++}]";
            if (part.ValueKind != JsonValueKind.Object) throw ResponsesErrors.Invalid($"{partParam} must be a content part object.", partParam);
            switch (ResponseTools.Text(part, "type"))
            {
                case "input_text" or "output_text" or "text":
                    text.Append(ResponseTools.Text(part, "text") ?? throw ResponsesErrors.Invalid($"{partParam}.text is required for a text part.", $"{partParam}.text"));
                    break;
                case "refusal":
                    text.Append(ResponseTools.Text(part, "refusal"));
                    break;
                case "input_image":
                    images.Add(new ImageRef(ResponseTools.Text(part, "image_url") is { Length: > 0 } url ? url
                        : throw ResponsesErrors.Invalid($"{partParam}.image_url is required: an https URL or a data URL (file_id needs OpenAI's Files API, which this gateway does not serve).", $"{partParam}.image_url"), partParam));
                    break;
                case "input_file":
                    InputFile.Add(part, partParam, text, images);
                    break;
                case var type:
                    throw ResponsesErrors.Invalid($"{partParam}.type '{type}' is not supported; use input_text, input_image or input_file.", $"{partParam}.type");
            }
        }
        return (text.ToString(), images);
    }
}
