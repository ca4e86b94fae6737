using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Many CLIs starting at once must not hold each other's first byte back: the first requests are
/// answered while later CLIs are still being started. Times are compared with each other, never
/// with absolute limits, so that a loaded machine slows everything alike.
/// </summary>
public sealed class ConcurrentStartTests
{
    private const int Requests = 40;

    [Test, CancelAfter(120_000)]
    public async Task An_early_stream_gets_its_first_byte_before_the_last_of_many_concurrent_CLIs_has_started(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
        {
            ["RATE_LIMIT_ENABLED"] = "false",
            ["WARM_POOL_ENABLED"] = "false",
            ["MAX_CONCURRENT_REQUESTS"] = Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_CONCURRENT_PER_IP"] = Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var clock = Stopwatch.StartNew();
        var begin = DateTime.UtcNow;
        var firstBytes = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => FirstByteAsync(gateway, clock, cancellationToken)));
        var starts = Directory.GetFiles(gateway.RecordDirectory, "*.json").Select(File.GetLastWriteTimeUtc).Order().ToList();

        Assert.That(starts, Has.Count.EqualTo(Requests));
        var span = starts[^1] - starts[0];
        var earliest = firstBytes.Min();
        TestContext.Out.WriteLine($"first CLI up at {(starts[0] - begin).TotalMilliseconds:F0} ms, last at {(starts[^1] - begin).TotalMilliseconds:F0} ms");
        TestContext.Out.WriteLine($"CLIs started over {span.TotalMilliseconds:F0} ms; first bytes at {earliest.TotalMilliseconds:F0}..{firstBytes.Max().TotalMilliseconds:F0} ms");
        // Stalled, every first byte came within ~10-15% of the start span, after the last CLI was up.
        Assert.That(firstBytes.Max() - earliest, Is.GreaterThan(span / 4),
            "the first bytes arrive spread out as the CLIs come up, not all together once the last has started");
    }

    private static async Task<TimeSpan> FirstByteAsync(TestGateway gateway, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "reply hi"), stream: true).ToJsonString(),
                Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var at = clock.Elapsed;
                await reader.ReadToEndAsync(cancellationToken);
                return at;
            }
        }
        return clock.Elapsed;
    }
}
