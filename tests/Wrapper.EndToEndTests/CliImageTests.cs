using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Images reach the model through the real Gemini CLI, Qwen Code and Codex, byte for byte and in
/// order; earlier images are not sent again: they stay in their own resumed turn; the image files go with the sandbox.
/// </summary>
public sealed partial class CliImageTests
{
    private static readonly byte[] Earlier = TestImages.Png(1, 1);
    private static readonly byte[] First = TestImages.Png(3, 2);
    private static readonly byte[] Second = TestImages.Bmp24(2, 3);

    [Test, CancelAfter(180_000)]
    public async Task Gemini_CLI_sends_the_new_images_as_inline_data_and_the_earlier_one_in_its_own_turn(CancellationToken cancellationToken)
    {
        await using var gemini = await GeminiGateway.StartAsync();
        gemini.Upstream.ReplyText = "Two charts.";

        await AssertAnsweredAsync(gemini.Client, "gemini-2.5-flash", "Two charts.", cancellationToken);

        // The earlier turns are resumed from a session file (docs/cli/REPORT.md §11, "Gemini CLI").
        var call = gemini.Upstream.Requests.Single(r => r.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal));
        var users = JsonDocument.Parse(call.Body).RootElement.GetProperty("contents").EnumerateArray()
            .Where(c => c.GetProperty("role").GetString() == "user").Select(c => c.GetProperty("parts").EnumerateArray().ToList()).ToList();
        static List<(string?, byte[])> Inline(List<JsonElement> parts) =>
            [.. parts.Where(p => p.TryGetProperty("inlineData", out _)).Select(p => p.GetProperty("inlineData"))
                .Select(d => (d.GetProperty("mimeType").GetString(), Convert.FromBase64String(d.GetProperty("data").GetString()!)))];
        var earlier = users.First(parts => parts.Any(p => p.TryGetProperty("text", out var t) && t.GetString() == "An old chart"));
        Assert.That(Inline(earlier).Select(i => i.Item2), Is.EqualTo(new[] { Earlier }), "the earlier image stays in its turn");
        AssertImages(Inline(users[^1]));
        var text = string.Concat(users[^1].Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()));
        Assert.That(text, Does.Contain("Compare [Image #2: attached image 2] with [Image #1: attached image 1]."));
        Assert.That(await Processes.EventuallyAsync(() => gemini.Gateway.LiveSandboxes().Count == 0), Is.True, "the image files went with the sandbox");
    }

    [Test, CancelAfter(180_000)]
    public async Task Qwen_Code_sends_the_new_images_as_data_urls_even_for_a_model_it_thinks_text_only(CancellationToken cancellationToken)
    {
        await using var qwen = await QwenGateway.StartAsync();
        qwen.Upstream.ReplyText = "Two charts.";

        await AssertAnsweredAsync(qwen.Client, "qwen-coder-plus", "Two charts.", cancellationToken);

        // The earlier turns are resumed from a chat recording (docs/cli/REPORT.md §11, "Qwen Code").
        var call = qwen.Upstream.Requests.Single(r => r.Path == "/v1/chat/completions");
        var users = JsonDocument.Parse(call.Body).RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").ValueKind == JsonValueKind.Array)
            .Select(m => m.GetProperty("content").EnumerateArray().ToList()).ToList();
        var earlier = users.First(c => Parts(c, "text").Any(t => t.GetProperty("text").GetString()!.Contains("An old chart", StringComparison.Ordinal)));
        Assert.That(Parts(earlier, "image_url").Select(c => DataUrl(c.GetProperty("image_url").GetProperty("url").GetString()!).Bytes), Is.EqualTo(new[] { Earlier }), "the earlier image stays in its turn");
        var content = users[^1];
        AssertOverviews([.. Parts(content, "image_url").Select(c => DataUrl(c.GetProperty("image_url").GetProperty("url").GetString()!))]);
        var text = string.Concat(Parts(content, "text").Select(c => c.GetProperty("text").GetString()));
        Assert.That(text, Does.Contain("Compare [Image #2: attached image 2] with [Image #1: attached image 1]."));
        // Whatever image path Qwen Code names (0.15.10 wrote "Content from <path>:", 0.24 an overview line)
        // is in the request's sandbox, which is gone.
        var files = ReadFrom().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.That(files, Is.All.StartWith(qwen.Gateway.SandboxRoot));
        Assert.That(await Processes.EventuallyAsync(() => qwen.Gateway.LiveSandboxes().Count == 0), Is.True);
        Assert.That(files.Where(File.Exists), Is.Empty);
    }

    [Test, CancelAfter(180_000)]
    public async Task Codex_sends_the_new_images_as_input_images_and_the_earlier_one_in_its_own_turn(CancellationToken cancellationToken)
    {
        await using var codex = await CodexGateway.StartAsync();
        codex.Upstream.ReplyText = "Two charts.";

        await AssertAnsweredAsync(codex.Client, "gpt-5.1-codex", "Two charts.", cancellationToken);

        // The earlier turns are resumed from a rollout (docs/cli/REPORT.md, "Codex: resuming a written session").
        var call = codex.Upstream.Requests.Single(r => r.Path == "/v1/responses");
        var users = JsonDocument.Parse(call.Body).RootElement.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("role", out var role) && role.GetString() == "user")
            .Select(item => item.GetProperty("content").EnumerateArray().ToList()).ToList();
        var earlier = users.First(c => Parts(c, "input_text").Any(t => t.GetProperty("text").GetString() == "An old chart"));
        Assert.That(Parts(earlier, "input_image").Select(c => DataUrl(c.GetProperty("image_url").GetString()!).Bytes), Is.EqualTo(new[] { Earlier }), "the earlier image stays in its turn");
        var latest = users[^1];
        AssertImages([.. Parts(latest, "input_image").Select(c => DataUrl(c.GetProperty("image_url").GetString()!))]);
        var text = string.Concat(Parts(latest, "input_text").Select(c => c.GetProperty("text").GetString()));
        Assert.That(text, Does.Contain("Compare [Image #2: attached image 2] with [Image #1: attached image 1]."));
        Assert.That(await Processes.EventuallyAsync(() => codex.Gateway.LiveSandboxes().Count == 0), Is.True, "the image files went with the sandbox");
    }

    /// <summary>An image in an answered turn, then a new message with two images that its text names in reverse.</summary>
    private static async Task AssertAnsweredAsync(HttpClient client, string model, string answer, CancellationToken cancellationToken)
    {
        static JsonObject Image(byte[] bytes, string type) => new() { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = TestImages.DataUrl(bytes, type) } };
        static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Text("An old chart"), Image(Earlier, "image/png") } },
                new JsonObject { ["role"] = "assistant", ["content"] = "A bar chart." },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray { Text("Compare [Image #2] with [Image #1]."), Image(First, "image/png"), Image(Second, "image/bmp") } },
            },
        };

        using var response = await client.PostAsync(body, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo(answer));
    }

    /// <summary>The parts of a message's content of one type.</summary>
    private static IEnumerable<JsonElement> Parts(List<JsonElement> content, string type) => content.Where(c => c.GetProperty("type").GetString() == type);

    /// <summary>The PNG arrives unchanged and the BMP as a PNG of its size, in that order; the earlier image is not sent again.</summary>
    private static void AssertImages(IReadOnlyList<(string? MediaType, byte[] Bytes)> images)
    {
        Assert.That(images.Select(i => i.MediaType), Is.EqualTo(new[] { "image/png", "image/png" }));
        Assert.That(images[0].Bytes, Is.EqualTo(First));
        Assert.That(images[1].Bytes[..8], Is.EqualTo(TestImages.Png()[..8]), "the BMP was converted to PNG");
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(images[1].Bytes.AsSpan(16)), Is.EqualTo(2));
        Assert.That(images.Any(i => i.Bytes.SequenceEqual(Earlier)), Is.False, "the earlier image was seen before");
    }

    /// <summary>
    /// Qwen Code 0.24 re-encodes by design every PNG, JPEG and WebP file it reads into an "image overview"
    /// (renderImageOverview in its bundle: sharp, JPEG quality 92, alpha flattened on white, at most 1568 px a
    /// side), with no setting to turn that off; the gateway's files in the sandbox are PNGs. So the right
    /// check is the new images in order, each at its own size, the earlier one not again.
    /// </summary>
    private static void AssertOverviews(IReadOnlyList<(string? MediaType, byte[] Bytes)> images)
    {
        Assert.That(images.Select(i => i.MediaType), Is.All.EqualTo("image/png").Or.All.EqualTo("image/jpeg"));
        var sizes = images.Select(i => Size(i.Bytes));
        Assert.That(sizes, Is.EqualTo(new[] { (3, 2), (2, 3) }), "the PNG, then the BMP, each at its size; the 1x1 earlier image not again");
    }

    /// <summary>Width and height from a PNG's IHDR or a JPEG's start-of-frame segment.</summary>
    private static (int Width, int Height) Size(byte[] image)
    {
        static int Read16(byte[] b, int at) => (b[at] << 8) | b[at + 1];
        if (image[0] == 0x89) return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20)));
        for (var at = 2; at + 9 < image.Length; at += 2 + Read16(image, at + 2))
            if (image[at + 1] is >= 0xC0 and <= 0xC3) return (Read16(image, at + 7), Read16(image, at + 5));
        throw new AssertionException("neither a PNG nor a JPEG with a frame header");
    }

    private static (string? MediaType, byte[] Bytes) DataUrl(string url)
    {
        var match = DataUrlPattern().Match(url);
        Assert.That(match.Success, Is.True, url[..Math.Min(url.Length, 60)]);
        return (match.Groups[1].Value, Convert.FromBase64String(match.Groups[2].Value));
    }

    [GeneratedRegex(@"^data:([^;]+);base64,(.+)$")]
    private static partial Regex DataUrlPattern();

    [GeneratedRegex(@"(/[^\s:]+image-\d+\.png)")]
    private static partial Regex ReadFrom();
}
