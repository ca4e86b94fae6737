using System.Collections.Frozen;
using System.Reflection;

namespace Wrapper.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: the admin's page over the usage ledger, three static files embedded in the
/// server (no build step, nothing fetched at run time). The page holds no data: it asks for the
/// admin key and reads the admin API with it, so the page itself needs no key.
/// </summary>
internal static class DashboardPage
{
    public const string Path = "/dashboard";

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = new Dictionary<string, (string, byte[])>
    {
        [""] = ("text/html; charset=utf-8", Read("index.html")),
        ["dashboard.js"] = ("text/javascript; charset=utf-8", Read("dashboard.js")),
        ["dashboard.css"] = ("text/css; charset=utf-8", Read("dashboard.css")),
    }.ToFrozenDictionary();

    // Only the page's own files, and requests to this gateway; no inline script, no framing by other pages
    // (data: images only for the empty favicon, which keeps the browser from asking the gateway for one).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>True for the page and its files: served without the API key.</summary>
    public static bool Serves(PathString path) =>
        path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var rest) && Files.ContainsKey(rest.Value?.TrimStart('/') ?? "");

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext context) => Serve(context, ""));
        app.MapGet(Path + "/{file}", (HttpContext context, string file) => Serve(context, file));
        return app;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var content)) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(content.Bytes, content.ContentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Wrapper.Server.Dashboard.Page.{name}")
            ?? throw new InvalidOperationException($"The dashboard's {name} is not embedded in the server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
