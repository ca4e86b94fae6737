using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real CLIs against an API address where nothing listens. By default Gemini CLI retries for
/// about 4 minutes and Codex waits for the network forever (docs/cli/ERRORS.md); the gateway's
/// settings (bounded retries, Codex's <c>--disable unbounded_connection_retries</c>) make it a 502 in seconds.
/// </summary>
public sealed class UnreachableUpstreamTests
{
    [Test, CancelAfter(180_000)]
    public Task Gemini_cli_answers_a_502_within_seconds(CancellationToken cancellationToken) => AssertFailsFastAsync(GeminiGateway.StartAsync(Settings("GOOGLE_GEMINI_BASE_URL", Nowhere())), "gemini-2.5-flash", cancellationToken);

    [Test, CancelAfter(180_000)]
    public Task Qwen_code_answers_a_502_within_seconds(CancellationToken cancellationToken) => AssertFailsFastAsync(QwenGateway.StartAsync(Settings("OPENAI_BASE_URL", Nowhere() + "/v1")), "qwen-2.5-flash", cancellationToken);

    [Test, CancelAfter(180_000)]
    public Task Codex_answers_a_502_within_seconds_instead_of_waiting_for_the_network(CancellationToken cancellationToken) => AssertFailsFastAsync(CodexGateway.StartAsync(Settings("OPENAI_BASE_URL", Nowhere() + "/v1")), "gpt-5.1", cancellationToken);

    private static async Task AssertFailsFastAsync<T>(Task<UpstreamGateway<T>> starting, string model, CancellationToken cancellationToken) where T : IAsyncDisposable
    {
        await using var gateway = await starting;
        var clock = Stopwatch.StartNew();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body("Hello", model: model), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        TestContext.Out.WriteLine($"{(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:F1} s: {error.GetProperty("message").GetString()}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("upstream_error"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(await Processes.EventuallyAsync(() => gateway.Gateway.LiveSandboxes().Count == 0), Is.True, "the CLI stopped and its sandbox removed");
    }

    private static Dictionary<string, string?> Settings(string baseUrlKey, string baseUrl) =>
        new() { [baseUrlKey] = baseUrl, ["UPSTREAM_MAX_RETRIES"] = "0" };

    /// <summary>An address on a port that was free a moment ago: connecting to it is refused.</summary>
    private static string Nowhere()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
