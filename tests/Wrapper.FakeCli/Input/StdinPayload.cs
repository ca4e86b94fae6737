using System.Security.Cryptography;
using System.Text;

namespace Wrapper.FakeCli.Input;

/// <summary>The exact bytes the gateway wrote to stdin, plus the views tests check them by.</summary>
internal sealed record StdinPayload(byte[] Bytes, string Text, string Sha256Hex)
{
    public static async Task<StdinPayload> ReadAsync()
    {
        await using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        return new StdinPayload(bytes, Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
