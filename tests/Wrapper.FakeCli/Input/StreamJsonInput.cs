using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wrapper.FakeCli.Input;

/// <summary>
/// Claude Code's <c>--input-format stream-json</c> stdin: one JSON user message per line, whose
/// content holds text blocks and base64 image blocks. The text is where the FAKE: directives are.
/// </summary>
internal static class StreamJsonInput
{
    public static (string Text, IReadOnlyList<ReceivedImage> Images)? TryRead(string stdin)
    {
        if (!stdin.TrimStart().StartsWith("{\"type\":\"user\"", StringComparison.Ordinal)) return null;
        var text = new StringBuilder();
        var images = new List<ReceivedImage>();
        foreach (var line in stdin.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var message = JsonDocument.Parse(line);
            foreach (var block in message.RootElement.GetProperty("message").GetProperty("content").EnumerateArray())
            {
                switch (block.GetProperty("type").GetString())
                {
                    case "text":
                        text.Append(block.GetProperty("text").GetString()).Append('\n');
                        break;
                    case "image":
                        var source = block.GetProperty("source");
                        var bytes = Convert.FromBase64String(source.GetProperty("data").GetString()!);
                        images.Add(new ReceivedImage(source.GetProperty("media_type").GetString()!, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
                        break;
                }
            }
        }
        return (text.ToString(), images);
    }
}

/// <summary>An image block the fake received: its type, size and hash, for tests to compare.</summary>
internal sealed record ReceivedImage(string MediaType, int Length, string Sha256);
