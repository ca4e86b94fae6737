using System.Security.Cryptography;

namespace Wrapper.Server.Dialects.OpenAiChat;

internal static class CompletionIds
{
    /// <summary>An id in OpenAI's style: <c>chatcmpl-</c> and 24 random characters.</summary>
    public static string New() => "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
