using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Wrapper.Server.Images;

/// <summary>
/// Fetches http(s) image URLs with limits on size, time and redirects, and never from loopback,
/// private, link-local or cloud-metadata addresses (see <see cref="PrivateAddresses"/>) unless IMAGE_URLS_ALLOW_PRIVATE is set: every
/// connection (redirects included) is checked after DNS resolution, so a public name that resolves
/// to an inside address is refused too.
/// </summary>
internal sealed class ImageDownloader : IDisposable
{
    private readonly HttpClient _client;
    private readonly ImageOptions _options;

    public ImageDownloader(IOptions<ImageOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 3,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = ConnectAsync,
            UseProxy = false,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The bytes, or a message saying why not (never more than <paramref name="maxBytes"/> are read).</summary>
    public async Task<(byte[]? Bytes, string? Problem)> DownloadAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        // One deadline for headers and body alike: HttpClient.Timeout stops at the headers.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.DownloadTimeoutMs);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            // SocketsHttpHandler follows at most 3 redirects, and only to http(s): what is left is one it would not follow.
            if ((int)response.StatusCode is >= 300 and < 400)
                return (null, response.Headers.Location is { IsAbsoluteUri: true, Scheme: not ("http" or "https") } target
                    ? $"it redirected to a {target.Scheme}: URL; only http(s) is fetched"
                    : "it redirected more than 3 times");
            if (!response.IsSuccessStatusCode) return (null, $"the server answered {(int)response.StatusCode}");
            var tooLarge = $"it is larger than MAX_IMAGE_BYTES ({maxBytes} bytes)";
            if (response.Content.Headers.ContentLength > maxBytes) return (null, tooLarge);
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, tooLarge);
                buffer.Write(chunk, 0, read);
            }
            return (buffer.ToArray(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"it did not arrive within {_options.DownloadTimeoutMs} ms (IMAGE_DOWNLOAD_TIMEOUT)");
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
        var allowed = addresses.Where(a => _options.AllowPrivateImageUrls || PrivateAddresses.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
            throw new RefusedAddressException($"its host {context.DnsEndPoint.Host} is a private, loopback or link-local address (IMAGE_URLS_ALLOW_PRIVATE is off)");
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
