using System.Security.Cryptography;

namespace Wrapper.Server.Security;

internal static class ApiKeyGenerator
{
    /// <summary>32 random bytes as URL-safe base64 without padding (43 characters).</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
