using System.Net;
using System.Net.Sockets;

namespace Wrapper.Server.Fetching;

/// <summary>
/// Fetches http(s) URLs on a client's or a model's behalf with limits on size, time and redirects,
/// and never from loopback, private, link-local or cloud-metadata addresses (see <see cref="PrivateAddresses"/>)
/// unless the rules allow it: every connection (redirects included) is checked after DNS resolution,
/// so a public name that resolves to an inside address is refused too. Each user (image URLs, the
/// web_fetch tool) holds its own instance with its own rules; every message names the user's setting.
/// </summary>
internal sealed class SafeDownloader : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchRules _rules;

    public SafeDownloader(FetchRules rules)
    {
        _rules = rules;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = rules.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, rules.MaxRedirects),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = ConnectAsync,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Wrapper/1.0");
    }

    /// <summary>
    /// The body (never more than <paramref name="maxBytes"/> bytes read), or a message saying why not.
    /// A larger body is refused, or cut at the limit when <paramref name="truncate"/> is set.
    /// </summary>
    public async Task<(Fetched? Page, string? Problem)> GetAsync(Uri url, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        // One deadline for headers and body alike: HttpClient.Timeout stops at the headers.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_rules.TimeoutMs);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            // SocketsHttpHandler follows only http(s) redirects, up to the limit: what is left is one it would not follow.
            if ((int)response.StatusCode is >= 300 and < 400)
                return (null, response.Headers.Location is { IsAbsoluteUri: true, Scheme: not ("http" or "https") } target
                    ? $"it redirected to a {target.Scheme}: URL; only http(s) is fetched"
                    : $"it redirected more than {_rules.MaxRedirects} times");
            if (!response.IsSuccessStatusCode) return (null, $"the server answered {(int)response.StatusCode}");
            var tooLarge = $"it is larger than {_rules.SizeSetting} ({maxBytes} bytes)";
            if (!truncate && response.Content.Headers.ContentLength > maxBytes) return (null, tooLarge);
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            var truncated = false;
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    if (!truncate) return (null, tooLarge);
                    buffer.Write(chunk, 0, maxBytes - (int)buffer.Length);
                    truncated = true;
                    break;
                }
                buffer.Write(chunk, 0, read);
            }
            var contentType = response.Content.Headers.ContentType;
            return (new Fetched(buffer.ToArray(), contentType?.MediaType, contentType?.CharSet, response.RequestMessage?.RequestUri ?? url, truncated), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"it did not arrive within {_rules.TimeoutMs} ms ({_rules.TimeoutSetting})");
        }
        catch (UriFormatException)
        {
            // SocketsHttpHandler parses a redirect's Location before deciding not to follow it (a file:///etc/passwd target throws here).
            return (null, "it redirected to an address that is not an http(s) URL; only http(s) is fetched");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException)
        {
            return (null, $"it could not be fetched ({e.Message})");
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is RefusedAddressException refused ? refused.Message : $"it could not be fetched ({e.Message})");
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _rules.AllowPrivate || PrivateAddresses.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
            throw new RefusedAddressException($"its host {context.DnsEndPoint.Host} is a private, loopback or link-local address ({_rules.AllowPrivateSetting} is off)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class RefusedAddressException(string message) : IOException(message);
}

/// <summary>One user's limits, with the names of the settings that set them (for the messages).</summary>
internal sealed record FetchRules(int TimeoutMs, int MaxRedirects, bool AllowPrivate, string TimeoutSetting, string SizeSetting, string AllowPrivateSetting);

/// <summary>A fetched body with what its headers said about it, and the URL it finally came from (after redirects).</summary>
internal sealed record Fetched(byte[] Bytes, string? MediaType, string? Charset, Uri FinalUrl, bool Truncated);
