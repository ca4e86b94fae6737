using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// One HTML page on 127.0.0.1 (a loopback address, so the gateway's web_fetch refuses it unless
/// WEB_FETCH_ALLOW_PRIVATE is set), with a script and a style that must never reach the model, and
/// a count of how often it was fetched.
/// </summary>
internal sealed class FakeWebPage : IAsyncDisposable
{
    public const string Heading = "Tide tables for Port Example";
    public const string Paragraph = "High water today is at 14:07, low water at 20:19.";
    public const string ScriptSecret = "SCRIPT_SHOULD_NOT_SHOW";
    public const string StyleSecret = "STYLE_SHOULD_NOT_SHOW";

    private readonly WebApplication _app;
    private int _hits;

    private FakeWebPage(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Hits => Volatile.Read(ref _hits);

    public static async Task<FakeWebPage> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var page = new FakeWebPage(app);
        app.Run(page.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        page.Url = new Uri(new Uri(address), "/tides");
        return page;
    }

    private Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _hits);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($$"""
            <!doctype html><html><head><title>Tides</title><style>body { color: red } /* {{StyleSecret}} */</style>
            <script>var secret = "{{ScriptSecret}}";</script></head>
            <body><h1>{{Heading}}</h1><p>{{Paragraph}}</p><p>See <a href="/archive">the archive</a>.</p></body></html>
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
