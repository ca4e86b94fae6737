using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Maps Qwen Code's failures (cli/samples/ERRORS.md) to the status a client can act on. API errors
/// come as a successful result whose text is <c>[API Error: &lt;status&gt; …]</c>; errors before the
/// turn as <c>error_during_execution</c> ("No auth type is selected").
/// </summary>
internal static partial class QwenErrorClassifier
{
    public const string ApiErrorPrefix = "[API Error:";

    private const int RetryAfterSeconds = 30;

    private const string LoginHelp =
        "On the gateway host, run `qwen` once and log in with /auth (the login in ~/.qwen is used), " +
        "or set OPENAI_API_KEY (with OPENAI_BASE_URL for a compatible endpoint) in the gateway's environment or .env.";

    public static bool IsApiError(string? text) => text?.TrimStart().StartsWith(ApiErrorPrefix, StringComparison.Ordinal) == true;

    public static GatewayError Classify(string message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "no details given" : message.Trim();
        int? status = ApiStatus().Match(detail) is { Success: true } match ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        if (status is 401 or 403 || AuthenticationMessage().IsMatch(detail))
            return GatewayError.CliAuthentication($"Qwen Code could not authenticate ({detail}). {LoginHelp}");
        if (status == 429 || RateLimitMessage().IsMatch(detail))
            return GatewayError.UpstreamRateLimited($"The model API's rate limit was reached: {detail}", RetryAfterSeconds);
        if (ContextOverflowMessage().IsMatch(detail))
            return GatewayError.InvalidRequest($"The conversation exceeds the model's maximum context length: {detail}", "messages", "context_length_exceeded");
        if (status == 400)
            return GatewayError.InvalidRequest($"The model API refused the request: {detail}", null, "upstream_rejected");
        return GatewayError.Upstream(status is { } s ? $"The model API answered {s}: {detail}" : $"Qwen Code failed: {detail}");
    }

    [GeneratedRegex(@"^\s*\[API Error:\s*(\d{3})\b")]
    private static partial Regex ApiStatus();

    [GeneratedRegex(@"No auth type|Incorrect API key|invalid api key|unauthorized|authenticat", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationMessage();

    [GeneratedRegex(@"rate limit|too many requests|quota", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimitMessage();

    [GeneratedRegex(@"maximum context length|context (length|window)|too many tokens|prompt is too long", RegexOptions.IgnoreCase)]
    private static partial Regex ContextOverflowMessage();
}
