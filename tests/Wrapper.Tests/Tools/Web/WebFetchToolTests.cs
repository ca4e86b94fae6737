using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Tools.Web;

namespace Wrapper.Tests.Tools.Web;

/// <summary>web_fetch refuses what it must never fetch with an error the model can read, before any connection.</summary>
public sealed class WebFetchToolTests
{
    [TestCase("http://127.0.0.1:9/", "127.0.0.1 is a private, loopback or link-local address (WEB_FETCH_ALLOW_PRIVATE is off)")]
    [TestCase("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a private, loopback or link-local address")]
    [TestCase("http://[::1]:9/", "is a private, loopback or link-local address")]
    [TestCase("file:///etc/passwd", "only absolute http:// and https:// URLs are fetched")]
    [TestCase("not a url", "only absolute http:// and https:// URLs are fetched")]
    public async Task Inside_addresses_and_other_schemes_are_refused_as_tool_errors(string url, string reason)
    {
        using var tool = new WebFetchTool(Options.Create(new WebToolsOptions()));

        var result = await tool.RunAsync(JsonDocument.Parse(JsonSerializer.Serialize(new { url })).RootElement, CancellationToken.None);

        Assert.That(result.IsError, Is.True);
        Assert.That(result.Text, Does.Contain(reason));
    }

    [Test]
    public async Task A_call_without_a_url_says_what_it_needs()
    {
        using var tool = new WebFetchTool(Options.Create(new WebToolsOptions()));

        var result = await tool.RunAsync(JsonDocument.Parse("{}").RootElement, CancellationToken.None);

        Assert.That(result, Is.EqualTo(GatewayToolResult.Error("web_fetch needs a \"url\" argument: the http(s) URL of the page.")));
    }

    [TestCase("sometimes", "WEB_TOOLS must be chat, always or off (got 'sometimes').")]
    public void A_wrong_mode_stops_the_start_naming_the_setting(string mode, string message)
    {
        var result = new WebToolsOptionsValidator().Validate(null, new WebToolsOptions { Mode = mode });

        Assert.That(result.Failures, Is.EqualTo(new[] { message }));
    }

    [Test]
    public void Limits_out_of_range_are_each_named()
    {
        var result = new WebToolsOptionsValidator().Validate(null, new WebToolsOptions { MaxBytes = 10, MaxChars = 5, TimeoutMs = 0, MaxRedirects = 21 });

        Assert.That(result.Failures!.Select(f => f.Split(' ')[0]), Is.EqualTo(new[] { "WEB_FETCH_MAX_BYTES", "WEB_FETCH_MAX_CHARS", "WEB_FETCH_TIMEOUT", "WEB_FETCH_MAX_REDIRECTS" }));
    }
}
