using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages;

namespace Wrapper.Tests.AnthropicMessages;

/// <summary>The error type for each status, as https://docs.anthropic.com/en/api/errors lists them.</summary>
public sealed class AnthropicErrorsTests
{
    [TestCase(400, "invalid_request_error")]
    [TestCase(401, "authentication_error")]
    [TestCase(403, "permission_error")]
    [TestCase(404, "not_found_error")]
    [TestCase(405, "invalid_request_error")]
    [TestCase(413, "request_too_large")]
    [TestCase(415, "invalid_request_error")]
    [TestCase(429, "rate_limit_error")]
    [TestCase(500, "api_error")]
    [TestCase(502, "api_error")]
    [TestCase(503, "overloaded_error")]
    [TestCase(504, "timeout_error")]
    [TestCase(529, "overloaded_error")]
    public void Each_status_has_Anthropics_error_type(int status, string type) =>
        Assert.That(AnthropicErrors.TypeFor(status), Is.EqualTo(type));

    [Test]
    public void An_overloaded_upstream_travels_as_Anthropics_529()
    {
        var error = new GatewayError(503, "service_unavailable", "upstream_overloaded", "Anthropic's API is overloaded");

        Assert.That(AnthropicErrors.Status(error), Is.EqualTo(529));
        Assert.That(AnthropicErrors.Body(error).Error.Type, Is.EqualTo("overloaded_error"));
        Assert.That(AnthropicErrors.Status(GatewayError.ShuttingDown()), Is.EqualTo(503));
    }
}
