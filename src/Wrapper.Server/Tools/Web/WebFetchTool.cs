using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Fetching;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// <c>web_fetch</c>: a page's readable text, fetched by the gateway's SSRF-safe downloader under
/// the WEB_FETCH_* limits (never an inside address unless WEB_FETCH_ALLOW_PRIVATE). A refused or
/// failed fetch is a tool error that says why, so the model can tell the user.
/// </summary>
internal sealed class WebFetchTool : IGatewayTool, IDisposable
{
    public const string Name = "web_fetch";

    private readonly WebToolsOptions _options;
    private readonly SafeDownloader _downloader;

    public WebFetchTool(IOptions<WebToolsOptions> options)
    {
        _options = options.Value;
        _downloader = new SafeDownloader(new FetchRules(_options.TimeoutMs, _options.MaxRedirects, _options.AllowPrivate,
            "WEB_FETCH_TIMEOUT", "WEB_FETCH_MAX_BYTES", "WEB_FETCH_ALLOW_PRIVATE"));
    }

    public ToolSpec Spec { get; } = new(Name,
        "Fetches a web page by its http(s) URL and returns its readable text (title, headings, paragraphs, lists and links; " +
        "scripts and styles removed). Use it to read a page the user names or one a search found.",
        JsonDocument.Parse("""
            {"type":"object","properties":{"url":{"type":"string","description":"The absolute http:// or https:// URL of the page."}},"required":["url"],"additionalProperties":false}
            """).RootElement.Clone());

    public async Task<GatewayToolResult> RunAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var given = arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty("url", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim() : null;
        if (string.IsNullOrEmpty(given)) return GatewayToolResult.Error("web_fetch needs a \"url\" argument: the http(s) URL of the page.");
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return GatewayToolResult.Error($"Refused to fetch {given}: only absolute http:// and https:// URLs are fetched.");
        var (page, problem) = await _downloader.GetAsync(url, _options.MaxBytes, truncate: true, cancellationToken);
        if (page is null) return GatewayToolResult.Error($"Could not fetch {url}: {problem}.");
        return Read(page);
    }

    private GatewayToolResult Read(Fetched page)
    {
        var mediaType = page.MediaType?.ToLowerInvariant();
        var body = Decode(page.Bytes, page.Charset);
        string? title = null;
        string text;
        if (mediaType is "text/html" or "application/xhtml+xml" || (mediaType is null && body.TrimStart().StartsWith('<')))
            (title, text) = HtmlText.Convert(body, page.FinalUrl);
        else if (mediaType is null || mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.EndsWith("xml", StringComparison.Ordinal))
            text = body.Trim();
        else
            return GatewayToolResult.Error($"Could not read {page.FinalUrl}: it is a {mediaType} file, not a text page.");

        var answer = new StringBuilder().Append("URL: ").Append(page.FinalUrl.AbsoluteUri).Append('\n');
        if (title is not null) answer.Append("Title: ").Append(title).Append('\n');
        answer.Append('\n');
        var cut = page.Truncated;
        if (text.Length > _options.MaxChars)
        {
            text = text[.._options.MaxChars];
            cut = true;
        }
        answer.Append(text);
        if (cut) answer.Append("\n\n[The page is longer; only its beginning is shown (WEB_FETCH_MAX_BYTES, WEB_FETCH_MAX_CHARS).]");
        return new GatewayToolResult(answer.ToString(), IsError: false);
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"', ' ')); }
            catch (ArgumentException) { }
        }
        return encoding.GetString(bytes);
    }

    public void Dispose() => _downloader.Dispose();
}
