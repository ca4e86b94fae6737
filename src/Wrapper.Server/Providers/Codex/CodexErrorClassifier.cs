using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Maps Codex's <c>turn.failed</c> messages (cli/samples/ERRORS.md) to the status a client can act on:
/// "unexpected status 401 Unauthorized: …", "exceeded retry limit, last status: 429 …", a missing key
/// variable, or a message without a status (a 500 reads "We're currently experiencing high demand").
/// </summary>
internal static partial class CodexErrorClassifier
{
    private const int RetryAfterSeconds = 30;

    internal const string LoginHelp =
        "On the gateway host, run `codex login` (the login in ~/.codex is used), " +
        "or set OPENAI_API_KEY (with OPENAI_BASE_URL for a compatible endpoint) in the gateway's environment or .env.";

    public static GatewayError NoCredentials() =>
        GatewayError.CliAuthentication($"Codex has no credentials. {LoginHelp}");

    public static GatewayError Classify(string message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "no details given" : message.Trim();
        int? status = Status().Match(detail) is { Success: true } match ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        if (status is 401 or 403 || AuthenticationMessage().IsMatch(detail))
            return GatewayError.CliAuthentication($"Codex could not authenticate ({detail}). {LoginHelp}");
        if (status == 429 || RateLimitMessage().IsMatch(detail))
            return GatewayError.UpstreamRateLimited($"The model API's rate limit was reached: {detail}", RetryAfterSeconds);
        if (ContextOverflowMessage().IsMatch(detail))
            return GatewayError.InvalidRequest($"The conversation exceeds the model's maximum context length: {detail}", "messages", "context_length_exceeded");
        if (status == 400)
            return GatewayError.InvalidRequest($"The model API refused the request: {detail}", null, "upstream_rejected");
        return GatewayError.Upstream(status is { } s ? $"The model API answered {s}: {detail}" : $"Codex failed: {detail}");
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
