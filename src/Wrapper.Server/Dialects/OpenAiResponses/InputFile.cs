using System.Text;
using System.Text.Json;
using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// An <c>input_file</c> part with its <c>file_data</c> (a base64 data URL): a text file is put in the
/// message inside <c>&lt;file name="…"&gt;</c> tags; an image file goes the images' way; other files
/// (PDF, …) cannot be read by the CLIs through the gateway and are a 400 that says so.
/// </summary>
internal static class InputFile
{
    public static void Add(JsonElement part, string param, StringBuilder text, List<ImageRef> images)
    {
        var name = ResponseTools.Text(part, "filename") ?? "file";
        var data = ResponseTools.Text(part, "file_data")
            ?? throw ResponsesErrors.Invalid($"{param}.file_data is required: the file as a base64 data URL (file_id and file_url need OpenAI's Files API, which this gateway does not serve).", $"{param}.file_data");
        var (mediaType, base64) = Split(data);
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            images.Add(new ImageRef(data, param));
            return;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw ResponsesErrors.Invalid($"{param}.file_data is not valid base64.", $"{param}.file_data");
        }
        if (!IsText(bytes))
            throw ResponsesErrors.Invalid($"{param} ('{name}', {mediaType}) is not a text file; the CLIs behind this gateway read text and image files only.", $"{param}.file_data");
        if (text.Length > 0) text.Append('\n');
        text.Append($"<file name=\"{name}\">\n{Encoding.UTF8.GetString(bytes)}\n</file>\n");
    }

    private static (string MediaType, string Base64) Split(string data)
    {
        if (!data.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return ("application/octet-stream", data);
        var comma = data.IndexOf(',');
        var header = comma < 0 ? data[5..] : data[5..comma];
        return (header.Split(';')[0], comma < 0 ? "" : data[(comma + 1)..]);
    }

    private static bool IsText(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0) return false;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
