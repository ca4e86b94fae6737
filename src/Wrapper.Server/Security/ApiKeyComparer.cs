using System.Security.Cryptography;
using System.Text;

namespace Wrapper.Server.Security;

/// <summary>
/// Compares a presented key with the configured one in constant time: both are hashed first, so
/// neither the content nor the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyComparer(string key)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);

    /// <summary>The key from <c>Authorization: Bearer KEY</c>, else from <c>x-api-key</c>.</summary>
    public static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var header = request.Headers["x-api-key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
