using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// A fake Anthropic Messages API on real Kestrel (127.0.0.1, a free port), enough for the real
/// Claude Code CLI: point it here with <c>ANTHROPIC_BASE_URL</c> and any <c>ANTHROPIC_API_KEY</c>.
/// Its answer is set through the properties below, read as each request arrives: set them before
/// starting the client, not while a call is in flight.
/// </summary>
internal sealed partial class FakeAnthropicServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock requestsLock = new();
    private readonly List<RecordedRequest> requests = [];
    private int requestSequence;
    private int disposed;
    private int modelCallCount;

    private FakeAnthropicServer(WebApplication app) => this.app = app;

    /// <summary>Where Claude Code should send its calls, e.g. <c>http://127.0.0.1:41234</c> (Claude adds <c>/v1</c> itself).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The answer text, streamed as about three text_delta pieces split on word boundaries.</summary>
    public string ReplyText { get; set; } = "Hello from fake Anthropic";

    /// <summary>When set, a thinking block (thinking_delta pieces, then a signature_delta) precedes the answer.</summary>
    public string? ThinkingText { get; set; }

    /// <summary>When set, every model call is answered with this HTTP status and Anthropic's error JSON.</summary>
    public int? FailStatus { get; set; }

    /// <summary>
    /// When set, a fresh user turn is answered with a call to this tool (stop_reason tool_use); the
    /// turn that carries the tool_result is answered with <see cref="ReplyText"/>, ending the loop.
    /// </summary>
    public (string Name, string InputJson)? ToolUse { get; set; }

    /// <summary>
    /// When set, a request whose body contains this text is answered with <see cref="ReplyText"/> even
    /// with <see cref="ToolUse"/> set: a CLI behind a gateway sees the tool's result inside its prompt
    /// text, not as a tool_result block, and this ends its loop the same way.
    /// </summary>
    public string? ToolResultText { get; set; }

    /// <summary>Pause before a model call is answered (errors included): for time-to-first-token and timeout tests.</summary>
    public TimeSpan FirstByteDelay { get; set; }

    /// <summary>Pause before each streamed delta: for tests that must see a stream arrive piece by piece.</summary>
    public TimeSpan DeltaDelay { get; set; }

    /// <summary>When set with <see cref="ToolUse"/>, the answer calls this tool too, after it (parallel tool calls).</summary>
    public (string Name, string InputJson)? SecondToolUse { get; set; }

    /// <summary>
    /// When set, a turn that carries tool results is answered with <see cref="ToolUse"/> too (an agent
    /// loop that goes on until the test clears ToolUse), not with <see cref="ReplyText"/>.
    /// </summary>
    public bool ToolUseAfterResults { get; set; }

    /// <summary>When set, usage splits each call's input as a prefix prompt cache would (then the fixed cache counts below are ignored).</summary>
    public FakePromptCache? PromptCache { get; set; }

    /// <summary>Reported as usage.cache_read_input_tokens.</summary>
    public int CacheReadTokens { get; set; }

    /// <summary>Reported as usage.cache_creation_input_tokens.</summary>
    public int CacheCreationTokens { get; set; }

    /// <summary>Every request received so far, in arrival order (a snapshot; safe to read while requests arrive).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requestsLock) return [.. requests]; }
    }

    /// <summary>How many POST /v1/messages calls arrived (count_tokens and health checks not included).</summary>
    public int ModelCallCount => Volatile.Read(ref modelCallCount);

    public static async Task<FakeAnthropicServer> StartAsync()
    {
        // The empty builder reads no appsettings.json, environment variables or ASPNETCORE_URLS and
        // registers no logging provider: the test output stays quiet and nothing can move the port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAnthropicServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Stops the server; safe to call more than once (a test may stop it early, the teardown again).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        // Ends delayed or streaming answers at once instead of waiting out Kestrel's shutdown timeout.
        await stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
