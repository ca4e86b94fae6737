using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>Images from the request reach the CLI intact, within limits, and only once.</summary>
public sealed class ImageTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_PNG_reaches_the_CLI_byte_for_byte_and_the_text_names_it(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var png = TestImages.Png(4, 3);

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Text("Describe [Image #1]"), Image(png)), cancellationToken);
        var record = Record(gateway);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(record.Images, Is.EqualTo(new[] { new FakeCliImage("image/png", png.Length, Sha(png)) }));
        Assert.That(record.Argv, Does.Contain("--input-format"));
        Assert.That(record.Stdin, Does.Contain("[Image #1: attached image 1]"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_BMP_is_converted_to_PNG_for_the_CLI(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Image(TestImages.Bmp24(5, 5), "image/bmp")), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Record(gateway).Images.Single().MediaType, Is.EqualTo("image/png"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_GIF_is_converted_to_the_PNG_of_its_first_frame_for_the_CLI(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var colours = TestGifs.Colours(4);
        var gif = TestGifs.Build(2, 2, colours, new TestGifs.Frame(0, 0, 2, 2, [0, 1, 2, 3]), new TestGifs.Frame(0, 0, 2, 2, [3, 3, 3, 3]));
        var png = TestImages.PngOf(2, 2, [.. colours.Chunk(3).SelectMany(c => new byte[] { c[0], c[1], c[2], 255 })]);

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Image(gif, "image/gif")), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(Record(gateway).Images, Is.EqualTo(new[] { new FakeCliImage("image/png", png.Length, Sha(png)) }));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_LZW_TIFF_is_converted_to_the_PNG_of_its_pixels_for_the_CLI(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var rgb = Enumerable.Range(0, 6 * 4 * 3).Select(i => (byte)(i * 5)).ToArray();
        var tiff = TestTiffs.Build(6, 4, rgb, littleEndian: false, compression: TestTiffs.Lzw, rowsPerStrip: 3);
        var png = TestImages.PngOf(6, 4, [.. rgb.Chunk(3).SelectMany(p => new byte[] { p[0], p[1], p[2], 255 })]);

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Image(tiff, "image/tiff")), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(Record(gateway).Images, Is.EqualTo(new[] { new FakeCliImage("image/png", png.Length, Sha(png)) }));
    }

    [Test, CancelAfter(60_000)]
    public async Task Only_images_after_the_last_assistant_message_are_sent_again(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var old = TestImages.Png(1, 1);
        var fresh = TestImages.Png(2, 2);
        var body = new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Text("First picture"), Image(old) } },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray { ToolCall() } },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "(see following user message for image)" },
                // Cline puts images of tool results in a user message after the tool messages.
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Image(fresh), Text(FakeCli.Directives($"record {gateway.RecordDirectory}")) } },
            },
        };

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var record = Record(gateway);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(record.Images.Select(i => i.Sha256), Is.EqualTo(new[] { Sha(fresh) }));
        Assert.That(record.Stdin, Does.Contain("[Image #1: shown in an earlier turn]").And.Contain("[Image #1: attached image 1]"));
    }

    private static IEnumerable<TestCaseData> BadImages()
    {
        yield return new TestCaseData(TestImages.DataUrl(System.Text.Encoding.UTF8.GetBytes("<html>not an image</html>")), "invalid_image", "not a PNG").SetName("Bytes that are no image are refused whatever the declared type");
        yield return new TestCaseData(TestImages.DataUrl(TestImages.Png()[..10]), "invalid_image", "PNG file whose header cannot be read").SetName("A truncated PNG is refused");
        yield return new TestCaseData(TestImages.DataUrl(TestImages.PngHeaderOnly(100_000, 100_000)), "invalid_image", "MAX_IMAGE_PIXELS").SetName("A huge canvas is refused before decoding");
        yield return new TestCaseData(TestImages.DataUrl(TestImages.NoisePng(64, 64)), "image_too_large", "MAX_IMAGE_BYTES").SetName("An image over the byte limit is refused");
        yield return new TestCaseData(TestImages.DataUrl(TestImages.TiffHeader(10, 10), "image/tiff"), "invalid_image", "TIFF file whose header cannot be read").SetName("A TIFF without its layout fields is refused clearly");
        yield return new TestCaseData(TestImages.DataUrl(TestTiffs.Build(4, 4, new byte[48], compression: TestTiffs.Jpeg), "image/tiff"), "invalid_image", "TIFF file that cannot be converted here (its pixel data is in a form that cannot be decoded); send it as PNG or JPEG").SetName("A JPEG-in-TIFF is refused with the reason");
        yield return new TestCaseData(TestImages.DataUrl(TestTiffs.Build(4, 4, new byte[48], fields: new() { [256] = [100_000], [257] = [60_000] }), "image/tiff"), "invalid_image", "MAX_IMAGE_PIXELS").SetName("A TIFF claiming a huge canvas is refused before decoding");
        // 3.6 KB of grey noise: its RGBA PNG takes more than 4096 bytes.
        var noise = new byte[60 * 60];
        new Random(5).NextBytes(noise);
        yield return new TestCaseData(TestImages.DataUrl(TestTiffs.Build(60, 60, noise, samples: 1, photometric: 1), "image/tiff"), "image_too_large", "once converted to PNG").SetName("A TIFF whose PNG would be over the byte limit is refused");
        yield return new TestCaseData("data:image/png;base64,@@@not-base64@@@", "invalid_image", "base64").SetName("Broken base64 is refused");
    }

    [TestCaseSource(nameof(BadImages))]
    [CancelAfter(60_000)]
    public async Task A_bad_image_is_a_400_naming_its_place_and_the_limit(string url, string code, string messagePart, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MAX_IMAGE_BYTES"] = "4096" });

        using var response = await gateway.Client.PostAsync(new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Text("Look"), Image(url) } } },
        }, cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("messages[0].content[1]"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(messagePart));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_image_URL_is_downloaded_when_private_addresses_are_allowed(CancellationToken cancellationToken)
    {
        await using var images = await ImageServer.StartAsync();
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["IMAGE_URLS_ALLOW_PRIVATE"] = "true" });

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Image(new Uri(images.BaseUrl, "cat.png").ToString())), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(Record(gateway).Images.Single().Sha256, Is.EqualTo(Sha(ImageServer.Cat)));
    }

    [TestCase("cat.png", "false", "private")]
    [TestCase("loop", "true", "redirected more than 3 times")]
    [TestCase("slow", "true", "IMAGE_DOWNLOAD_TIMEOUT")]
    [TestCase("big", "true", "larger than MAX_IMAGE_BYTES")]
    [TestCase("missing", "true", "404")]
    [CancelAfter(60_000)]
    public async Task An_image_URL_that_is_private_loops_stalls_or_is_too_big_is_refused(string path, string allowPrivate, string messagePart, CancellationToken cancellationToken)
    {
        await using var images = await ImageServer.StartAsync();
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?>
        {
            ["IMAGE_URLS_ALLOW_PRIVATE"] = allowPrivate,
            ["IMAGE_DOWNLOAD_TIMEOUT"] = "1000",
            ["MAX_IMAGE_BYTES"] = "100000",
        });

        using var response = await gateway.Client.PostAsync(UserMessage(gateway, Image(new Uri(images.BaseUrl, path).ToString())), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("image_download_failed"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(messagePart));
    }

    [Test, CancelAfter(60_000)]
    public async Task More_images_than_allowed_are_refused(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MAX_IMAGES"] = "2" });

        using var response = await gateway.Client.PostAsync(new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Image(TestImages.Png()), Image(TestImages.Png()), Image(TestImages.Png()) } } },
        }, cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("3 new images").And.Contain("MAX_IMAGES"));
    }

    private static JsonObject UserMessage(TestGateway gateway, params JsonNode[] parts) => new()
    {
        ["model"] = ChatRequests.Model,
        ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = new JsonArray([.. parts, Text(FakeCli.Directives($"record {gateway.RecordDirectory}"))]) } },
    };

    private static JsonNode Text(string text) => new JsonObject { ["type"] = "text", ["text"] = text };

    private static JsonNode Image(byte[] bytes, string mediaType = "image/png") => Image(TestImages.DataUrl(bytes, mediaType));

    private static JsonNode Image(string url) => new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } };

    private static JsonNode ToolCall() => JsonNode.Parse("""{"id":"call_1","type":"function","function":{"name":"browser_action","arguments":"{}"}}""")!;

    private static FakeCliRecord Record(TestGateway gateway) => FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
