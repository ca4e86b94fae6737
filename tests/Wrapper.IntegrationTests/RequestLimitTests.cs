using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>Body, message count and header limits, and CORS.</summary>
public sealed class RequestLimitTests
{
    [Test, CancelAfter(60_000)]
    public async Task A_Content_Length_far_above_the_limit_is_refused_before_the_body_is_sent(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MAX_REQUEST_BODY_BYTES"] = "4096" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.BaseUrl.Host, gateway.BaseUrl.Port);
        var stream = tcp.GetStream();

        // Headers only: a gateway that read the body first would wait here for a gigabyte that never comes.
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {gateway.BaseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var response = Encoding.UTF8.GetString(buffer, 0, read);

        Assert.That(response, Does.StartWith("HTTP/1.1 413"));
        Assert.That(response, Does.Contain("MAX_REQUEST_BODY_BYTES"));
    }

    [Test, CancelAfter(60_000)]
    public async Task More_messages_than_MAX_MESSAGES_is_a_400_naming_messages(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MAX_MESSAGES"] = "3" });
        var body = ChatRequests.Body("Hello");
        var messages = body["messages"]!.AsArray();
        for (var i = 0; i < 3; i++) messages.Add(new JsonObject { ["role"] = "user", ["content"] = "more" });

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("messages"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("MAX_MESSAGES"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Headers_larger_than_MAX_HEADER_BYTES_are_refused(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MAX_HEADER_BYTES"] = "8192" });

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "X-Padding", new string('a', 10_000) } } };
        using var response = await gateway.Client.SendAsync(request, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_CORS_preflight_is_answered_without_the_key_for_an_allowed_origin_only(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
            { ["API_KEY"] = "test-key-0123456789abcdefghijklmnop", ["CORS_ORIGINS"] = "https://app.example, https://other.example" });

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "v1/chat/completions")
            {
                Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "authorization,content-type" } },
            };
            return await gateway.Client.SendAsync(request, cancellationToken);
        }

        using var allowed = await PreflightAsync("https://app.example");
        using var other = await PreflightAsync("https://evil.example");

        Assert.That((int)allowed.StatusCode, Is.EqualTo(204));
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example" }));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}
