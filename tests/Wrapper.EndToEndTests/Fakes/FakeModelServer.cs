using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// What every fake model API shares: real Kestrel on a free loopback port, every request recorded
/// (secret headers redacted), model calls counted, and the answer settings a test sets before the
/// client starts (reply text, a failure status, cached tokens, pacing, echoing). A fake adds its routes.
/// </summary>
internal abstract partial class FakeModelServer(string replyText) : IAsyncDisposable
{
    private readonly Lock requestsLock = new();
    private readonly List<RecordedRequest> requests = [];
    private WebApplication? app;
    private int modelCallCount;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The answer text, streamed a word per piece.</summary>
    public string ReplyText { get; set; } = replyText;

    /// <summary>When set, every model call is answered with this status and the API's own error JSON.</summary>
    public int? FailStatus { get; set; }

    /// <summary>Reported as the API's cached prompt tokens.</summary>
    public int CachedTokens { get; set; }

    /// <summary>Pause before each piece after the first: for tests that need overlapping requests.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>
    /// When set, the answer is the text after this marker in the request's last user text (up to the
    /// end of the line): lets concurrent requests each get their own answer.
    /// </summary>
    public string? EchoAfter { get; set; }

    /// <summary>
    /// When set, a request whose body contains this text is answered in text even with function calls
    /// set: a CLI behind a gateway sees a client's tool result inside its prompt text, and this ends its loop.
    /// </summary>
    public string? ToolResultText { get; set; }

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requestsLock) return [.. requests]; }
    }

    public int ModelCallCount => Volatile.Read(ref modelCallCount);

    /// <summary>Starts <paramref name="server"/> listening; the empty builder reads no settings and logs nothing.</summary>
    protected static async Task<TServer> StartAsync<TServer>(TServer server) where TServer : FakeModelServer
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        server.app = app;
        app.Run(server.ReceiveAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return server;
    }

    /// <summary>Answers one request whose body has been read and recorded.</summary>
    protected abstract Task HandleAsync(HttpContext context, string body);

    /// <summary>True when <paramref name="body"/> carries <see cref="ToolResultText"/>.</summary>
    protected bool CarriesToolResult(string body) => ToolResultText is { } result && body.Contains(result, StringComparison.Ordinal);

    protected void CountModelCall() => Interlocked.Increment(ref modelCallCount);

    /// <summary><see cref="ReplyText"/>, or with <see cref="EchoAfter"/> the text after the marker in the body.</summary>
    protected string AnswerFor(string body)
    {
        if (EchoAfter is not { } marker) return ReplyText;
        var start = body.LastIndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return ReplyText;
        var rest = body[(start + marker.Length)..];
        var end = rest.IndexOfAny(['\\', '"', '\n']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The text in pieces of one word each, its following white space included.</summary>
    protected static List<string> Words(string text) =>
        [.. WordStarts().Split(text).Where(piece => piece.Length > 0)];

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => SecretHeaders.Redact(h.Key, h.Value.ToString()), StringComparer.OrdinalIgnoreCase);
        lock (requestsLock) requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
        await HandleAsync(context, body);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref app, null) is not { } running) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await running.StopAsync(timeout.Token);
        await running.DisposeAsync();
    }

    [GeneratedRegex(@"(?<=\s)(?=\S)")]
    private static partial Regex WordStarts();
}
