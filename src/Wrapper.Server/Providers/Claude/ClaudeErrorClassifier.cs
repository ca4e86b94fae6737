using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// Maps Claude Code's error results (<c>is_error: true</c> with <c>api_error_status</c> and a message,
/// recorded in docs/cli/ERRORS.md) to the status a client can act on.
/// </summary>
internal static partial class ClaudeErrorClassifier
{
    // Clients retry 429 and 5xx on their own, honouring Retry-After; the CLI does not tell the upstream's value.
    private const int RetryAfterSeconds = 30;

    public static GatewayError Classify(int? apiStatus, string message)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "no details given" : message.Trim();
        if (ExpiredMessage().IsMatch(detail))
            return GatewayError.CliAuthentication(
                $"Claude Code's login has expired ({detail}). On the gateway host, run `claude` and log in again with /login " +
                "(or create a new long-lived token with `claude setup-token` for CLAUDE_CODE_OAUTH_TOKEN); /v1/auth/status shows when a login expires.");
        // Anthropic answers some subscription (claude.ai login) requests it deems third-party use with a 400 about
        // extra usage; it is about the plan, not the request, so say that and what to do instead of "refused the request".
        if (ExtraUsageMessage().IsMatch(detail))
            return new GatewayError(StatusCodes.Status403Forbidden, "permission_error", "subscription_usage_refused",
                $"Anthropic did not count this request against the Claude subscription that Claude Code is logged in with ({detail}). " +
                "It treats some subscription use through other apps as extra usage: enable extra usage for the plan at claude.ai, " +
                "or set ANTHROPIC_API_KEY (billed per token) in the gateway's environment or .env. Wrapper does not disguise requests.");
        if (apiStatus is 401 or 403 || AuthenticationMessage().IsMatch(detail))
            return GatewayError.CliAuthentication(
                $"Claude Code could not authenticate ({detail}). On the gateway host, run `claude` and log in with /login, " +
                "or set ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN from `claude setup-token`) in the gateway's environment or .env.");
        if (apiStatus == 429)
            return GatewayError.UpstreamRateLimited($"Anthropic's rate limit was reached: {detail}", RetryAfterSeconds);
        if (apiStatus == 529 || detail.Contains("overloaded", StringComparison.OrdinalIgnoreCase))
            return new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "upstream_overloaded",
                $"Anthropic's API is overloaded: {detail}") { RetryAfterSeconds = RetryAfterSeconds };
        if (ContextOverflowMessage().IsMatch(detail))
            // Worded so that Roo Code and Cline recognise a context overflow and condense the conversation.
            return GatewayError.InvalidRequest($"The conversation exceeds the model's maximum context length: {detail}", "messages", "context_length_exceeded");
        if (apiStatus == 400)
            return GatewayError.InvalidRequest($"Anthropic's API refused the request: {detail}", null, "upstream_rejected");
        return GatewayError.Upstream(apiStatus is { } status
            ? $"Anthropic's API answered {status}: {detail}"
            : $"Claude Code failed: {detail}");
    }

    [GeneratedRegex(@"not logged in|invalid api key|/login|authentication|oauth token", RegexOptions.IgnoreCase)]
    private static partial Regex AuthenticationMessage();

    [GeneratedRegex(@"token (has )?expired|expired token|login (has )?expired|session expired", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiredMessage();

    [GeneratedRegex(@"extra usage|third[- ]party (app|application|use|client)", RegexOptions.IgnoreCase)]
    private static partial Regex ExtraUsageMessage();

    [GeneratedRegex(@"prompt is too long|context (length|window)|too many tokens", RegexOptions.IgnoreCase)]
    private static partial Regex ContextOverflowMessage();
}
