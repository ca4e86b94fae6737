using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers;

/// <summary>
/// The one decision Qwen Code and Codex share for an upstream error (both speak to OpenAI-style
/// APIs): auth, then rate limit, then overload, then context overflow, then a refused request, else a 502. Each CLI
/// supplies only what differs: how its messages word these cases and how to log in.
/// </summary>
internal static class OpenAiStyleErrors
{
    // Clients retry 429 on their own, honouring Retry-After; the CLIs do not tell the upstream's value.
    private const int RetryAfterSeconds = 30;

    public static GatewayError Classify(string cliName, string loginHelp, string message, int? status, ErrorWording wording)
    {
        var detail = string.IsNullOrWhiteSpace(message) ? "no details given" : message.Trim();
        if (status is 401 or 403 || wording.IsAuthentication(detail))
            return GatewayError.CliAuthentication($"{cliName} could not authenticate ({detail}). {loginHelp}");
        if (status == 429 || wording.IsRateLimit(detail))
            return GatewayError.UpstreamRateLimited($"The model API's rate limit was reached: {detail}", RetryAfterSeconds);
        // OpenAI's 503 means "overloaded, slow down": worth a retry later, unlike a 500.
        if (status is 503 or 529)
            return new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "upstream_overloaded",
                $"The model API is overloaded ({status}): {detail}") { RetryAfterSeconds = RetryAfterSeconds };
        if (wording.IsContextOverflow(detail))
            return GatewayError.InvalidRequest($"The conversation exceeds the model's maximum context length: {detail}", "messages", "context_length_exceeded");
        if (status == 400)
            return GatewayError.InvalidRequest($"The model API refused the request: {detail}", null, "upstream_rejected");
        return GatewayError.Upstream(status is { } s ? $"The model API answered {s}: {detail}" : $"{cliName} failed: {detail}");
    }
}

/// <summary>How one CLI words authentication, rate-limit and context-overflow errors.</summary>
internal sealed record ErrorWording(Func<string, bool> IsAuthentication, Func<string, bool> IsRateLimit, Func<string, bool> IsContextOverflow);
