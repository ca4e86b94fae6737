using System.Diagnostics;
using System.Net;
using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Running;

/// <summary>Chat requests as a client makes them, timed from sending the request.</summary>
internal static class GatewayCalls
{
    /// <summary>A non-streamed request read to the end; the milliseconds it took. Anything but 200 throws.</summary>
    public static async Task<double> CompleteAsync(HttpClient client, string prompt)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync(ChatRequests.Body(prompt));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The gateway answered {(int)response.StatusCode}: {body}");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>A streamed request read to the end: when the first content arrived, how many keepalives came, whether it ended well.</summary>
    public static Task<StreamOutcome> StreamAsync(HttpClient client, string prompt) =>
        StreamAsync(client, ChatRequests.Body(prompt, stream: true));

    /// <summary>The same for a whole request body (which must ask for a stream).</summary>
    public static async Task<StreamOutcome> StreamAsync(HttpClient client, System.Text.Json.Nodes.JsonObject body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsync(body);
            if (response.StatusCode != HttpStatusCode.OK) return StreamOutcome.Failed($"status {(int)response.StatusCode}");
            double? firstContent = null;
            var keepalives = 0;
            var done = false;
            await foreach (var item in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync()))
            {
                if (item.IsComment) keepalives++;
                else if (item.IsDone) done = true;
                else if (firstContent is null && HasContent(item)) firstContent = clock.Elapsed.TotalMilliseconds;
            }
            return firstContent is { } first && done
                ? new StreamOutcome(first, clock.Elapsed.TotalMilliseconds, keepalives, null)
                : StreamOutcome.Failed(done ? "no content" : "no [DONE]");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return StreamOutcome.Failed(e.Message);
        }
    }

    private static bool HasContent(SseEvent item) =>
        item.Json is { } json && json.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
        && choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content)
        && content.GetString() is { Length: > 0 };
}
