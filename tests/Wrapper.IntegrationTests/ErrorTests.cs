using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>Every failure is an OpenAI-shaped error with the status a client can act on.</summary>
public sealed class ErrorTests : SharedGatewayFixture
{
    [TestCase("401", HttpStatusCode.Unauthorized, "authentication_error", "cli_authentication_failed", "login")]
    [TestCase("nocreds", HttpStatusCode.Unauthorized, "authentication_error", "cli_authentication_failed", "ANTHROPIC_API_KEY")]
    [TestCase("429", HttpStatusCode.TooManyRequests, "rate_limit_exceeded", "upstream_rate_limited", "rate limit")]
    [TestCase("500", HttpStatusCode.BadGateway, "upstream_error", "upstream_error", "500")]
    [TestCase("400", HttpStatusCode.Forbidden, "permission_error", "subscription_usage_refused", "enable extra usage")]
    [CancelAfter(60_000)]
    public async Task CLI_error_results_map_to_OpenAI_errors(string kind, HttpStatusCode status, string type, string code, string messagePart, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"error {kind}")), cancellationToken);
        var error = await ErrorOf(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo(type));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(messagePart).IgnoreCase);
        Assert.That(error.TryGetProperty("param", out _), Is.True, "param is present (null when no field is at fault)");
        if (status == HttpStatusCode.TooManyRequests) Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_crash_without_a_result_is_a_502_that_quotes_stderr(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("crash")), cancellationToken);
        var error = await ErrorOf(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("134").And.Contain("Segmentation fault"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_missing_CLI_is_a_503_naming_the_setting_and_the_install_command(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = "/nonexistent/claude" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body("hi", stream: true), cancellationToken);
        var error = await ErrorOf(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("cli_not_installed"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("CLAUDE_CLI_PATH").And.Contain("npm install -g @anthropic-ai/claude-code"));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_unknown_model_prefix_is_a_404_model_not_found(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body("hi", model: "llama-3"), cancellationToken);
        var error = await ErrorOf(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("model_not_found"));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("model"));
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return (await response.JsonAsync(cancellationToken)).GetProperty("error");
    }
}
