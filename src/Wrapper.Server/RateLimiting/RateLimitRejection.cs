using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// Every 429 the gateway sends: <c>Retry-After</c> and
/// <c>{"error":{"message","type":"rate_limit_exceeded","code","retry_after":N}}</c>, with the same N
/// in both (every 429 carries <c>retry_after</c>). The message names the setting to raise.
/// </summary>
internal static class RateLimitRejection
{
    public const string Code = "too_many_requests";

    /// <summary>The seconds left in the refusing window, rounded up; 60 (a whole window) when the lease does not say.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;

    public static string OverLimit(RateLimitGroup group, int limit, int seconds) =>
        $"Rate limit exceeded: this route allows {limit} requests a minute per client address ({RateLimitOptions.SettingFor(group)}; raise it to allow more). Try again in {seconds} seconds.";

    public static string TooManyFailedKeys(int limit, int seconds) =>
        $"Too many failed API key attempts from this address: {limit} a minute are allowed (RATE_LIMIT_AUTH_PER_MINUTE). Requests with the right key are still served. Try again in {seconds} seconds.";

    /// <summary>
    /// The gateway's own limits: the body the seed documents, without <c>param</c>. Every other 429
    /// (a client's concurrent share, the model API's limit) is a GatewayError in OpenAI's shape (Api/ErrorResponses).
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, int seconds, string message, CancellationToken cancellationToken = default)
    {
        if (Api.ErrorShapes.Of(response.HttpContext.Request) == Api.ErrorShape.Anthropic)
        {
            // Anthropic's clients read their own shape: rate_limit_error with retry-after.
            var error = new Diagnostics.GatewayError(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", Code, message) { RetryAfterSeconds = seconds };
            await Api.ErrorResponses.WriteAsync(response, error, cancellationToken);
            return;
        }
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", "rate_limit_exceeded");
            json.WriteString("code", Code);
            json.WriteNumber("retry_after", seconds);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray(), cancellationToken);
    }
}
