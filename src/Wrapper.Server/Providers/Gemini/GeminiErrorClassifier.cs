using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>
/// Maps Gemini CLI's failures (docs/cli/ERRORS.md) to the status a client can act on: the
/// stream-json <c>result</c> error message (which quotes the API's JSON error), or, when the CLI
/// stopped before the turn, its exit code (41 auth, 55 untrusted folder, HTTP status mod 256).
/// </summary>
internal static partial class GeminiErrorClassifier
{
    private const int RetryAfterSeconds = 30;

    private const string LoginHelp =
        "On the gateway host, run `gemini` once and log in with a Gemini Code Assist (Standard/Enterprise) account (the login in ~/.gemini is used; consumer Google logins ended on 2026-06-18), " +
        "or set GEMINI_API_KEY (or GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_CLOUD_PROJECT) in the gateway's environment or .env.";

    // Gemini CLI's Fatal*Error exit codes (REPORT §5).
    private const int AuthExit = 41, InputExit = 42, ConfigExit = 52, TurnLimitExit = 53, UntrustedExit = 55;

    public static GatewayError FromResult(string message) => Classify(ApiStatus(message), message);

    public static GatewayError FromExit(int exitCode, string standardErrorTail)
    {
        var detail = Detail(standardErrorTail);
        return exitCode switch
        {
            AuthExit => Authentication(detail),
            UntrustedExit => GatewayError.Upstream($"Gemini CLI refused the folder as untrusted: {detail}", "cli_failed"),
            InputExit => GatewayError.InvalidRequest($"Gemini CLI refused the input: {detail}", null, "upstream_rejected"),
            ConfigExit or TurnLimitExit => GatewayError.Upstream($"Gemini CLI stopped (exit {exitCode}): {detail}", "cli_failed"),
            _ when StatusFromExitCode(exitCode) is { } status => Classify(status, detail),
            _ => Classify(ApiStatus(detail), detail) is { Status: not StatusCodes.Status502BadGateway } known
                ? known
                : CliExitFailure.Error("Gemini CLI", exitCode, detail),
        };
    }

    public static GatewayError Classify(int? apiStatus, string message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "no details given" : message.Trim();
        if (detail.Contains("IneligibleTier", StringComparison.OrdinalIgnoreCase)) return IneligibleTier(detail);
        if (apiStatus is 401 or 403) return Authentication(detail);
        // Checked before the auth wording: the quota message ends "…or switch to another /auth method".
        if (apiStatus == 429 || RateLimitMessage().IsMatch(detail))
            return GatewayError.UpstreamRateLimited($"Gemini API's rate limit or quota was reached: {detail}", RetryAfterSeconds);
        if (AuthenticationMessage().IsMatch(detail)) return Authentication(detail);
        if (ContextOverflowMessage().IsMatch(detail))
            return GatewayError.InvalidRequest($"The conversation exceeds the model's maximum context length: {detail}", "messages", "context_length_exceeded");
        if (apiStatus == 400)
            return GatewayError.InvalidRequest($"Gemini API refused the request: {detail}", null, "upstream_rejected");
        return GatewayError.Upstream(apiStatus is { } status ? $"Gemini API answered {status}: {detail}" : $"Gemini CLI failed: {detail}");
    }

    private static GatewayError Authentication(string detail) =>
        detail.Contains("IneligibleTier", StringComparison.OrdinalIgnoreCase)
            ? IneligibleTier(detail)
            : GatewayError.CliAuthentication($"Gemini CLI could not authenticate ({detail}). {LoginHelp}");

    /// <summary>For API errors the CLI exits with the HTTP status modulo 256 (401 → 145, 429 → 173, 500 → 244).</summary>
    private static int? StatusFromExitCode(int exitCode) =>
        exitCode is > 130 and < 256 && (exitCode + 256) is var status && status is >= 400 and < 600 ? status : null;

    private static int? ApiStatus(string message) =>
        ApiStatusPattern().Match(message) is { Success: true } match
            ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The line of stderr that says what happened, without the stack trace and terminal warnings.</summary>
    private static string Detail(string standardErrorTail)
    {
        var lines = standardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("at ", StringComparison.Ordinal) && !line.StartsWith("Warning:", StringComparison.Ordinal)
                && !line.StartsWith("[STARTUP]", StringComparison.Ordinal) && !line.StartsWith("Ripgrep", StringComparison.Ordinal))
            .ToList();
        var meaningful = lines.LastOrDefault(line => line.Contains("\"message\"", StringComparison.Ordinal) || line.Contains("Error", StringComparison.Ordinal))
            ?? lines.LastOrDefault();
        return meaningful is null ? "it printed nothing on stderr" : meaningful.Length > 600 ? meaningful[..600] : meaningful;
    }

    /// <summary>
    /// Gemini CLI logins with a consumer Google account (free, Google AI Pro, Ultra) stopped working on
    /// 2026-06-18: the CLI reports IneligibleTierError. Logging in again does not help; other auth does.
    /// </summary>
    private static GatewayError IneligibleTier(string detail) => GatewayError.CliAuthentication(
        $"Gemini CLI's Google login is not eligible ({detail}): logins with a consumer Google account (free, AI Pro, Ultra) " +
        "ended on 2026-06-18, and logging in again does not help. What still works: GEMINI_API_KEY (from Google AI Studio), " +
        "Vertex AI (GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION), or a Gemini Code Assist " +
        "Standard/Enterprise login; set one in the gateway's environment or .env.");

    [GeneratedRegex(@"""code""\s*:\s*([45]\d\d)")]
    private static partial Regex ApiStatusPattern();

    [GeneratedRegex(@"UNAUTHENTICATED|PERMISSION_DENIED|API key not valid|invalid authentication|set an Auth method|Invalid auth method", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationMessage();

    [GeneratedRegex(@"RESOURCE_EXHAUSTED|Resource has been exhausted|quota", RegexOptions.IgnoreCase)]
    private static partial Regex RateLimitMessage();

    [GeneratedRegex(@"exceeds the maximum number of tokens|input token count|context (length|window)", RegexOptions.IgnoreCase)]
    private static partial Regex ContextOverflowMessage();
}
