using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// The 429 for a client over its limit: <c>Retry-After</c> and exactly
/// <c>{"error":{"message","type":"rate_limit_exceeded","code":"too_many_requests","retry_after":N}}</c>.
/// </summary>
internal static class RateLimitRejection
{
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;

    public static async Task WriteAsync(HttpResponse response, int seconds, CancellationToken cancellationToken = default)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", $"Rate limit exceeded. Try again in {seconds} seconds.");
            json.WriteString("type", "rate_limit_exceeded");
            json.WriteString("code", "too_many_requests");
            json.WriteNumber("retry_after", seconds);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray(), cancellationToken);
    }
}
