using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>With API_KEY set, every route but /health needs the key, as a Bearer token or x-api-key.</summary>
public sealed class ApiKeyTests : SharedGatewayFixture
{
    private const string Key = "test-key-0123456789abcdefghijklmnop";

    private static Dictionary<string, string?> KeySettings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["API_KEY"] = Key };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    [TestCase("GET", "v1/models")]
    [TestCase("GET", "models")]
    [TestCase("POST", "v1/chat/completions")]
    [TestCase("GET", "v1/auth/status")]
    [TestCase("GET", "v1/no-such-route")]
    [CancelAfter(60_000)]
    public async Task Without_the_key_every_route_is_a_401_in_OpenAI_shape(string method, string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(KeySettings());

        using var response = await gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("authentication_error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid_api_key"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("Bearer"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Health_is_open_without_the_key(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(KeySettings());

        using var response = await gateway.Client.GetAsync("health", cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_key_is_accepted_as_a_Bearer_token_and_as_x_api_key(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(KeySettings());

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        using var viaBearer = await gateway.Client.SendAsync(bearer, cancellationToken);
        using var header = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-api-key", Key } } };
        using var viaHeader = await gateway.Client.SendAsync(header, cancellationToken);

        Assert.That(viaBearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_chat_completion_runs_with_the_key(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(KeySettings());
        gateway.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body("Hello"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [TestCase(Key + "x")]
    [TestCase("test-key")]
    [TestCase("")]
    [CancelAfter(60_000)]
    public async Task A_wrong_key_or_a_prefix_of_the_key_is_refused(string presented, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(KeySettings());

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "Authorization", "Bearer " + presented } } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test, CancelAfter(30_000)]
    public async Task Failed_key_attempts_count_against_the_auth_limit_and_the_right_key_is_still_served(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(KeySettings(new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true", ["RATE_LIMIT_AUTH_PER_MINUTE"] = "3" }));

        var statuses = new List<HttpStatusCode>();
        JsonElement refusal = default;
        for (var i = 0; i < 4; i++)
        {
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-api-key", "wrong-" + i } } };
            using var response = await gateway.Client.SendAsync(wrong, cancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refusal = await response.JsonAsync(cancellationToken);
        }
        using var right = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-api-key", Key } } };
        using var afterwards = await gateway.Client.SendAsync(right, cancellationToken);
        var error = refusal.GetProperty("error");

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("too_many_requests"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("RATE_LIMIT_AUTH_PER_MINUTE"));
        Assert.That(error.GetProperty("retry_after").GetInt32(), Is.InRange(1, 60));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), "ten wrong keys from a shared address must not lock out whoever has the key");
    }

    [Test, CancelAfter(30_000)]
    public async Task Requests_with_the_right_key_never_count_against_the_auth_limit(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(KeySettings(new Dictionary<string, string?> { ["RATE_LIMIT_ENABLED"] = "true", ["RATE_LIMIT_AUTH_PER_MINUTE"] = "3" }));
        gateway.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var status = await gateway.Client.GetAsync("v1/auth/status", cancellationToken);
            statuses.Add(status.StatusCode);
        }
        using var models = await gateway.Client.GetAsync("v1/models", cancellationToken);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK), "checking the auth status with the right key is no failed attempt");
        Assert.That(models.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
