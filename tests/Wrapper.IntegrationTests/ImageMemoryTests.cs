using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>What a request's images may cost in decoding and in bytes for the CLI, and that the memory comes back.</summary>
public sealed class ImageMemoryTests
{
    /// <summary>17 KB or so: a one-pixel frame on a 6000×6000 canvas, 36 M pixels (under MAX_IMAGE_PIXELS), 144 MB once decoded.</summary>
    private static readonly byte[] BigCanvasGif = TestGifs.Build(6000, 6000, TestGifs.Colours(2), new TestGifs.Frame(0, 0, 1, 1, [1]));

    [Test, CancelAfter(60_000)]
    public async Task Images_whose_decoded_pixels_exceed_the_request_budget_are_a_400_before_the_one_that_crosses_it_is_decoded(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        var clock = Stopwatch.StartNew();

        using var response = await gateway.Client.PostAsync(Images(gateway, BigCanvasGif, BigCanvasGif, BigCanvasGif, BigCanvasGif, BigCanvasGif), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("messages[0].content[1]"), "the first fits, the second crosses 50 M");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("MAX_IMAGE_PIXELS_PER_REQUEST").And.Contain("6000×6000"));
        Assert.That(Directory.GetFiles(gateway.RecordDirectory, "*.json"), Is.Empty, "the CLI never ran");
        TestContext.Out.WriteLine($"refused after {clock.ElapsedMilliseconds} ms");
    }

    [Test, CancelAfter(30_000)]
    public async Task Images_whose_bytes_together_exceed_what_goes_to_the_CLI_are_a_400_naming_the_one_that_crosses_it(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MAX_IMAGE_BYTES"] = "4096", ["MAX_CONVERTED_IMAGE_BYTES"] = "8192" });
        var png = TestImages.NoisePng(30, 30);
        Assert.That(png.Length, Is.InRange(3000, 4096));

        using var response = await gateway.Client.PostAsync(Images(gateway, png, png, png), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("image_too_large"));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("messages[0].content[2]"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("MAX_CONVERTED_IMAGE_BYTES"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Images_are_decoded_only_once_the_request_has_a_CLI_slot(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
        {
            ["MAX_CONCURRENT_REQUESTS"] = "1", ["MAX_QUEUED_REQUESTS"] = "1", ["MAX_CONCURRENT_PER_IP"] = "5", ["QUEUE_TIMEOUT"] = "1",
        });
        var records = Path.Combine(gateway.RecordDirectory, "holder");
        Directory.CreateDirectory(records);
        using var cancelHolder = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var holder = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {records}", "hang")), cancelHolder.Token);
        await FakeCli.WaitForRecordAsync(records);

        // Undecodable: were it decoded before the slot, this would be an immediate 400.
        using var response = await gateway.Client.PostAsync(Images(gateway, TestImages.TiffHeader(10, 10)), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync(cancellationToken));
        await cancelHolder.CancelAsync();
        Assert.That(async () => await holder, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test, CancelAfter(240_000)]
    public async Task The_memory_large_canvases_take_to_convert_is_given_back_after_each_request(CancellationToken cancellationToken)
    {
        // The case that was reported: 4 requests of 5 such GIFs (each different, so that none comes from the cache).
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MAX_IMAGE_PIXELS_PER_REQUEST"] = "200000000" });
        var next = 0;
        byte[] Distinct() => TestGifs.Build(6000 - next++, 6000, TestGifs.Colours(2), new TestGifs.Frame(0, 0, 1, 1, [1]));
        using (var warmUp = await gateway.Client.PostAsync(Images(gateway, Distinct()), cancellationToken))
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (managedBefore, residentBefore) = Memory();

        for (var request = 0; request < 4; request++)
        {
            using var response = await gateway.Client.PostAsync(Images(gateway, Distinct(), Distinct(), Distinct(), Distinct(), Distinct()), cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        }
        var (managedAfter, residentAfter) = Memory();

        using var self = Process.GetCurrentProcess();
        TestContext.Out.WriteLine($"managed {managedBefore / 1_000_000} → {managedAfter / 1_000_000} MB, resident {residentBefore / 1_000_000} → {residentAfter / 1_000_000} MB, peak {self.PeakWorkingSet64 / 1_000_000} MB");
        Assert.That(managedAfter - managedBefore, Is.LessThan(50_000_000), "managed heap after 20 × 144 MB of decoding");
        Assert.That(residentAfter - residentBefore, Is.LessThan(50_000_000), "almost nothing stays resident after 20 canvases of 144 MB were decoded");
    }

    private static (long Managed, long Resident) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (managed, self.WorkingSet64);
    }

    private static JsonObject Images(TestGateway gateway, params byte[][] images) => new()
    {
        ["model"] = ChatRequests.Model,
        ["messages"] = new JsonArray
        {
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray([
                    .. images.Select(bytes => (JsonNode)new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = TestImages.DataUrl(bytes) } }),
                    new JsonObject { ["type"] = "text", ["text"] = FakeCli.Directives($"record {gateway.RecordDirectory}") }]),
            },
        },
    };
}
