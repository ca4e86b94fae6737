using Wrapper.Server.Diagnostics;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Diagnostics;

/// <summary>Client text in the request log cannot break the line, and MCP tokens are never written.</summary>
public sealed class RequestLogTextTests
{
    [TestCase("/v1/models\n[00:00:00 INF] forged", @"/v1/models\n[00:00:00 INF] forged")]
    [TestCase("a\rb\tc", @"a\rb\tc")]
    [TestCase("\u001b[31mred", @"\u001b[31mred")]
    [TestCase("x\u2028y\u0085z", @"x\u2028y\u0085z")]
    [TestCase(@"C:\path", @"C:\\path")]
    public void Control_characters_are_escaped(string text, string logged) =>
        Assert.That(RequestLogText.Escape(text), Is.EqualTo(logged));

    [Test]
    public void Plain_text_is_unchanged() =>
        Assert.That(RequestLogText.Escape("/v1/chat/completions"), Is.EqualTo("/v1/chat/completions"));

    [Test]
    public void An_MCP_path_loses_its_token_and_other_paths_stay()
    {
        Assert.That(McpEndpoint.Masked("/internal/mcp/" + new string('f', 48)), Is.EqualTo("/internal/mcp/***"));
        Assert.That(McpEndpoint.Masked("/INTERNAL/mcp/" + new string('f', 48) + "/more"), Is.EqualTo("/internal/mcp/***"));
        Assert.That(McpEndpoint.Masked("/v1/models"), Is.EqualTo("/v1/models"));
        Assert.That(McpEndpoint.Masked("/internal/mcp"), Is.EqualTo("/internal/mcp"));
    }

    [Test]
    public void Any_log_line_with_an_MCP_URL_has_its_token_masked()
    {
        var token = new string('a', 48);
        var masked = new SecretMasker([]).Mask($"Request starting HTTP/1.1 POST http://127.0.0.1:8000/internal/mcp/{token} - application/json");

        Assert.That(masked, Does.Not.Contain(token));
        Assert.That(masked, Does.Contain("/internal/mcp/***"));
    }
}
