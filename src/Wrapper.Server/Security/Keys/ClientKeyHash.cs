using System.Security.Cryptography;
using System.Text;

namespace Wrapper.Server.Security.Keys;

/// <summary>
/// How a client key is stored: the hex SHA-256 of the key. A slow password hash (bcrypt, Argon2)
/// protects guessable secrets; these keys are 256 random bits (<see cref="ApiKeyGenerator"/>), which
/// no speed of hashing makes guessable, and a plain hash can be looked up by an index in one query.
/// </summary>
internal static class ClientKeyHash
{
    /// <summary>Keys begin with <c>sk-</c> so the log masker and secret scanners recognise them.</summary>
    public const string Prefix = "sk-wr-";

    public static string NewKey() => Prefix + ApiKeyGenerator.Create();

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
