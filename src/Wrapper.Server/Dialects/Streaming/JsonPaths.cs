using System.Text.Json;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>Turns System.Text.Json's error details into something a client can act on.</summary>
internal static class JsonPaths
{
    /// <summary><c>$.messages[0].role</c> → <c>messages[0].role</c>; the root → null.</summary>
    public static string? ToParam(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The first sentence of the message, without the serializer's position suffix.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message;
        // "could not be converted to System.Int32" says which type was expected: keep it, but in JSON's words.
        return message
            .Replace("System.String", "a string", StringComparison.Ordinal)
            .Replace("System.Int32", "an integer", StringComparison.Ordinal)
            .Replace("System.Double", "a number", StringComparison.Ordinal)
            .Replace("System.Boolean", "true or false", StringComparison.Ordinal)
            .TrimEnd();
    }
}
