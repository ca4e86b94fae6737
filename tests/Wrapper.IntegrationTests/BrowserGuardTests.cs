using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Wrapper.IntegrationTests;

/// <summary>
/// No drive-by use from web pages. Bodies are JSON only (a page cannot send JSON to
/// another origin without a preflight); other origins are refused unless CORS_ORIGINS names them
/// (its * only with API_KEY); bound to loopback, other Host names are refused (DNS rebinding);
/// Private Network Access is never granted.
/// </summary>
public sealed class BrowserGuardTests : SharedGatewayFixture
{
    private const string Key = "test-key-0123456789abcdefghijklmnop";
    private const string ChatJson = """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello"}]}""";

    private static HttpRequestMessage Chat(string? contentType, string? origin = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(ChatJson)) };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        return request;
    }

    private static HttpRequestMessage Preflight(string origin, bool privateNetwork = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "v1/chat/completions")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "content-type" } },
        };
        if (privateNetwork) request.Headers.Add("Access-Control-Request-Private-Network", "true");
        return request;
    }

    private static async Task<(HttpStatusCode Status, string? Code)> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.JsonAsync(cancellationToken);
        return (response.StatusCode, body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase(null)]
    [CancelAfter(30_000)]
    public async Task A_body_that_is_not_declared_JSON_is_a_415_in_OpenAI_shape(string? contentType, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.SendAsync(Chat(contentType), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unsupported_media_type"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("application/json"));
    }

    [Test, CancelAfter(30_000)]
    public async Task JSON_with_a_charset_is_accepted_and_the_debug_route_checks_it_too(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var chat = await gateway.Client.SendAsync(Chat("application/json; charset=utf-8"), cancellationToken);
        using var debug = await gateway.Client.PostAsync("v1/debug/request", new StringContent(ChatJson, Encoding.UTF8, "text/plain"), cancellationToken);

        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chat.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(debug.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test, CancelAfter(30_000)]
    public async Task Without_a_key_another_origin_is_refused_even_with_the_default_wildcard(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(); // CORS_ORIGINS defaults to ["*"]

        using var simple = await gateway.Client.SendAsync(Chat("text/plain", origin: "https://evil.example"), cancellationToken);
        using var json = await gateway.Client.SendAsync(Chat("application/json", origin: "https://evil.example"), cancellationToken);
        using var preflight = await gateway.Client.SendAsync(Preflight("https://evil.example"), cancellationToken);
        using var models = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "Origin", "null" } } }, cancellationToken);

        Assert.That(await ErrorOf(simple, cancellationToken), Is.EqualTo((HttpStatusCode.Forbidden, "origin_not_allowed")));
        Assert.That(await ErrorOf(json, cancellationToken), Is.EqualTo((HttpStatusCode.Forbidden, "origin_not_allowed")));
        Assert.That(preflight.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await ErrorOf(models, cancellationToken), Is.EqualTo((HttpStatusCode.Forbidden, "origin_not_allowed")));
        Assert.That(new[] { simple, json, preflight, models }.Select(r => r.Headers.Contains("Access-Control-Allow-Origin")), Is.All.False);
    }

    [Test, CancelAfter(30_000)]
    public async Task Without_a_key_an_origin_named_in_CORS_ORIGINS_may_call(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["CORS_ORIGINS"] = "https://app.example" });

        using var chat = await gateway.Client.SendAsync(Chat("application/json", origin: "https://app.example"), cancellationToken);
        using var other = await gateway.Client.SendAsync(Chat("application/json", origin: "https://evil.example"), cancellationToken);

        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chat.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(chat.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example" }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test, CancelAfter(30_000)]
    public async Task With_a_key_the_wildcard_lets_any_origin_call_with_the_key(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["API_KEY"] = Key });

        using var request = Chat("application/json", origin: "https://any.example");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var chat = await gateway.Client.SendAsync(request, cancellationToken);
        using var preflight = await gateway.Client.SendAsync(Preflight("https://any.example"), cancellationToken);

        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chat.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(chat.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That((int)preflight.StatusCode, Is.EqualTo(204));
    }

    [Test, CancelAfter(30_000)]
    public async Task The_gateways_own_origin_and_requests_without_one_are_served(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var own = await gateway.Client.SendAsync(Chat("application/json", origin: gateway.BaseUrl.GetLeftPart(UriPartial.Authority)), cancellationToken);
        using var none = await gateway.Client.SendAsync(Chat("application/json"), cancellationToken);

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(30_000)]
    public async Task Where_the_Host_check_is_off_a_rebound_name_is_still_not_the_gateways_own_origin(CancellationToken cancellationToken)
    {
        // As in Docker (HOST=0.0.0.0 inside the container, published on the host's loopback).
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["ALLOWED_HOSTS"] = "*" });

        using var rebound = await gateway.Client.SendAsync(
            Chat("application/json", origin: "http://attacker-rebind.example:8000", host: "attacker-rebind.example:8000"), cancellationToken);

        Assert.That(await ErrorOf(rebound, cancellationToken), Is.EqualTo((HttpStatusCode.Forbidden, "origin_not_allowed")));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Private_Network_Access_preflight_is_not_granted(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["CORS_ORIGINS"] = "https://app.example" });

        using var preflight = await gateway.Client.SendAsync(Preflight("https://app.example", privateNetwork: true), cancellationToken);

        Assert.That(preflight.Headers.Contains("Access-Control-Allow-Origin"), Is.True, "the origin itself is allowed");
        Assert.That(preflight.Headers.Contains("Access-Control-Allow-Private-Network"), Is.False);
    }

    [TestCase("attacker-rebind.example")]
    [TestCase("attacker-rebind.example:8000")]
    [TestCase("192.168.1.10")]
    [TestCase("localhost.attacker.example")]
    [CancelAfter(30_000)]
    public async Task Bound_to_loopback_a_request_for_another_host_name_is_refused(string host, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Host = host } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("host_not_allowed"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("ALLOWED_HOSTS"));
    }

    [TestCase("localhost")]
    [TestCase("localhost:1234")]
    [TestCase("127.0.0.1:80")]
    [TestCase("[::1]:8000")]
    [CancelAfter(30_000)]
    public async Task Loopback_names_are_served_at_any_port(string host, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Host = host } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(30_000)]
    public async Task ALLOWED_HOSTS_adds_names_and_wildcards(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["ALLOWED_HOSTS"] = "gw.example.com, *.internal.example" });

        async Task<HttpStatusCode> StatusFor(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Host = host } };
            using var response = await gateway.Client.SendAsync(request, cancellationToken);
            return response.StatusCode;
        }

        Assert.That(await StatusFor("gw.example.com:443"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor("a.internal.example"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor("localhost"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor("evil.example.com"), Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
