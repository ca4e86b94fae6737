using System.Security.Cryptography;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>Ids in OpenAI's style: a prefix that says what it names (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>…) and 48 random hex digits.</summary>
internal static class ResponseIds
{
    public const string Response = "resp_";

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>True for a string that could be one of ours: checked before any lookup.</summary>
    public static bool LooksLikeResponseId(string? id) =>
        id is { Length: > 5 and <= 128 } && id.StartsWith(Response, StringComparison.Ordinal) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
