using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>Images reach the model through the real Claude Code, byte for byte.</summary>
public sealed class ClaudeImageTests
{
    [Test, CancelAfter(180_000)]
    public async Task A_data_url_image_arrives_intact_at_the_upstream_as_an_image_block(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.ReplyText = "A red square.";
        var png = TestImages.Png(2, 2);
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in [Image #1]?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,DATA"}}]}]}
            """.Replace("DATA", Convert.ToBase64String(png), StringComparison.Ordinal))!;

        using var response = await claude.Client.PostAsync(body, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("A red square."));
        var content = JsonDocument.Parse(claude.Upstream.Requests.Single(r => r.IsModelCall).Body).RootElement
            .GetProperty("messages").EnumerateArray().Last().GetProperty("content").EnumerateArray().ToList();
        var image = content.Single(block => block.GetProperty("type").GetString() == "image").GetProperty("source");
        Assert.That(image.GetProperty("media_type").GetString(), Is.EqualTo("image/png"));
        Assert.That(Convert.FromBase64String(image.GetProperty("data").GetString()!), Is.EqualTo(png));
        Assert.That(content.Any(block => block.TryGetProperty("text", out var text) && text.GetString()!.Contains("[Image #1: attached image 1]")), Is.True);
    }
}
