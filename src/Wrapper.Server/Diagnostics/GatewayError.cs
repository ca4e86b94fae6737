namespace Wrapper.Server.Diagnostics;

/// <summary>
/// An error as the OpenAI API reports it (<c>{"error":{"message","type","param","code"}}</c>) plus the
/// HTTP status it travels with. Every failure the gateway reports is one of these.
/// </summary>
internal sealed record GatewayError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>Seconds for the <c>Retry-After</c> header, when the client should come back later.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static GatewayError InvalidRequest(string message, string? param = null, string code = "invalid_request") =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public static GatewayError ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found",
            $"The model '{model}' does not exist or is not served here. See GET /v1/models for the models this gateway accepts.", "model");

    /// <summary>A model no provider serves (after MODEL_MAP), naming some that are served.</summary>
    public static GatewayError ModelNotFound(string model, IEnumerable<string> served)
    {
        var some = served.Distinct(StringComparer.OrdinalIgnoreCase).Take(12).ToList();
        var examples = some.Count == 0 ? "" : $" Models served here include: {string.Join(", ", some)}.";
        return new(StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found",
            $"The model '{model}' does not exist or is not served here.{examples} See GET /v1/models for all, or map model ids with MODEL_MAP.", "model");
    }

    public static GatewayError NotFound(string path) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "not_found", $"No route for '{path}'. The gateway serves /v1/chat/completions, /v1/messages, /v1/models, /v1/auth/status, /v1/debug/request and /health.");

    public static GatewayError CliNotInstalled(string cliName, string setting, string path, string installCommand) =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "cli_not_installed",
            $"{cliName} was not found at '{path}'. Install it with `{installCommand}`, or point {setting} at the executable.");

    public static GatewayError CliAuthentication(string message) =>
        new(StatusCodes.Status401Unauthorized, "authentication_error", "cli_authentication_failed", message);

    public static GatewayError UpstreamRateLimited(string message, int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "upstream_rate_limited", message) { RetryAfterSeconds = retryAfterSeconds };

    public static GatewayError Upstream(string message, string code = "upstream_error") =>
        new(StatusCodes.Status502BadGateway, "upstream_error", code, message);

    public static GatewayError Timeout(string message) =>
        new(StatusCodes.Status504GatewayTimeout, "timeout", "timeout", message);

    public static GatewayError ShuttingDown() =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "shutting_down", "The gateway is shutting down; retry shortly.") { RetryAfterSeconds = 5 };

    public static GatewayError Internal() =>
        new(StatusCodes.Status500InternalServerError, "server_error", "internal_error", "The gateway failed unexpectedly; the details are in its log.");
}
