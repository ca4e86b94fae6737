using System.Security.Cryptography;
using System.Text;

namespace Wrapper.FakeCli.Input;

/// <summary>The exact bytes the gateway wrote to stdin, plus the views tests check them by.</summary>
internal sealed record StdinPayload(byte[] Bytes, string Text, string Sha256Hex)
{
    /// <summary>The prompt's text: the stdin itself, or the text blocks of a stream-json message.</summary>
    public string PromptText => StreamJson?.Text ?? Text;

    /// <summary>Image blocks of a stream-json message (none for a plain-text prompt).</summary>
    public IReadOnlyList<ReceivedImage> Images => StreamJson?.Images ?? [];

    private (string Text, IReadOnlyList<ReceivedImage> Images)? StreamJson => _streamJson ??= StreamJsonInput.TryRead(Text);

    private (string Text, IReadOnlyList<ReceivedImage> Images)? _streamJson;

    public static async Task<StdinPayload> ReadAsync()
    {
        await using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer);
        return FromBytes(buffer.ToArray());
    }

    public static StdinPayload FromBytes(byte[] bytes) =>
        new(bytes, Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
}
