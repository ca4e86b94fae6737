using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Maps Codex's <c>turn.failed</c> messages (docs/cli/ERRORS.md) to the status a client can act on:
/// "unexpected status 401 Unauthorized: …", "exceeded retry limit, last status: 429 …", a missing key
/// variable, or a message without a status (a 500 reads "We're currently experiencing high demand").
/// </summary>
internal static partial class CodexErrorClassifier
{
    internal const string LoginHelp =
        "On the gateway host, run `codex login` (the login in ~/.codex is used), " +
        "or set OPENAI_API_KEY (with OPENAI_BASE_URL for a compatible endpoint) in the gateway's environment or .env.";

    public static GatewayError NoCredentials() =>
        GatewayError.CliAuthentication($"Codex has no credentials. {LoginHelp}");

    private static readonly ErrorWording Wording = new(
        AuthenticationMessage().IsMatch, RateLimitMessage().IsMatch, ContextOverflowMessage().IsMatch);

    public static GatewayError Classify(string message)
    {
        int? status = Status().Match(message ?? "") is { Success: true } match ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        return OpenAiStyleErrors.Classify("Codex", LoginHelp, message ?? "", status, Wording);
    }

    [GeneratedRegex(@"(?:unexpected status|last status:)\s*(\d{3})")]
    private static partial Regex Status();

    [GeneratedRegex(@"Missing environment variable|Unauthorized|invalid api key|Incorrect API key|not logged in|codex login", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationMessage();

    [GeneratedRegex(@"Too Many Requests|rate limit|usage limit|quota", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimitMessage();

    [GeneratedRegex(@"context window|context_length_exceeded|maximum context length", RegexOptions.IgnoreCase)]
    private static partial Regex ContextOverflowMessage();
}
