using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Maps Qwen Code's failures (docs/cli/ERRORS.md) to the status a client can act on. API errors
/// come as a successful result whose text is <c>[API Error: &lt;status&gt; …]</c>; errors before the
/// turn as <c>error_during_execution</c> ("No auth type is selected").
/// </summary>
internal static partial class QwenErrorClassifier
{
    public const string ApiErrorPrefix = "[API Error:";

    private const string LoginHelp =
        "On the gateway host, run `qwen` once and log in with /auth (the login in ~/.qwen is used), " +
        "or set OPENAI_API_KEY (with OPENAI_BASE_URL for a compatible endpoint) in the gateway's environment or .env.";

    public static bool IsApiError(string? text) => text?.TrimStart().StartsWith(ApiErrorPrefix, StringComparison.Ordinal) == true;

    private static readonly ErrorWording Wording = new(
        AuthenticationMessage().IsMatch, RateLimitMessage().IsMatch, ContextOverflowMessage().IsMatch);

    public static GatewayError Classify(string message)
    {
        if (DiscontinuedOAuth().IsMatch(message ?? "")) return DiscontinuedLogin(message!);
        int? status = ApiStatus().Match(message ?? "") is { Success: true } match ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        return OpenAiStyleErrors.Classify("Qwen Code", LoginHelp, message ?? "", status, Wording);
    }

    /// <summary>An upstream error whose HTTP status is known (from the debug log's retry lines).</summary>
    public static GatewayError FromStatus(int status, string message) =>
        OpenAiStyleErrors.Classify("Qwen Code", LoginHelp, message, status, Wording);

    /// <summary>Qwen's free OAuth tier ended on 2026-04-15; a `qwen` login in ~/.qwen then fails every request.</summary>
    private static GatewayError DiscontinuedLogin(string message) => GatewayError.CliAuthentication(
        $"Qwen Code's Qwen OAuth login no longer works ({message.Trim()}): the free OAuth tier was discontinued on 2026-04-15. " +
        "Use an API key: set OPENAI_API_KEY, OPENAI_BASE_URL (e.g. Alibaba Cloud Model Studio, OpenRouter, Fireworks) and OPENAI_MODEL " +
        "in the gateway's environment or .env.");

    [GeneratedRegex(@"Qwen OAuth.{0,40}discontinued|free tier has been discontinued", RegexOptions.IgnoreCase)]
    private static partial Regex DiscontinuedOAuth();

    [GeneratedRegex(@"^\s*\[API Error:\s*(\d{3})\b")]
    private static partial Regex ApiStatus();

    [GeneratedRegex(@"No auth type|Incorrect API key|invalid api key|unauthorized|authenticat", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationMessage();

    [GeneratedRegex(@"rate limit|too many requests|quota", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimitMessage();

    [GeneratedRegex(@"maximum context length|context (length|window)|too many tokens|prompt is too long", RegexOptions.IgnoreCase)]
    private static partial Regex ContextOverflowMessage();
}
