using Microsoft.Extensions.Options;
using Wrapper.Server.Fetching;

namespace Wrapper.Server.Images;

/// <summary>
/// Fetches http(s) image URLs through the gateway's SSRF-safe <see cref="SafeDownloader"/>: at most 3
/// redirects, IMAGE_DOWNLOAD_TIMEOUT, never from inside addresses unless IMAGE_URLS_ALLOW_PRIVATE is set.
/// </summary>
internal sealed class ImageDownloader(IOptions<ImageOptions> options) : IDisposable
{
    private readonly SafeDownloader _downloader = new(new FetchRules(
        options.Value.DownloadTimeoutMs, MaxRedirects: 3, options.Value.AllowPrivateImageUrls,
        "IMAGE_DOWNLOAD_TIMEOUT", "MAX_IMAGE_BYTES", "IMAGE_URLS_ALLOW_PRIVATE"));

    /// <summary>The bytes, or a message saying why not (never more than <paramref name="maxBytes"/> are read).</summary>
    public async Task<(byte[]? Bytes, string? Problem)> DownloadAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        var (page, problem) = await _downloader.GetAsync(url, maxBytes, truncate: false, cancellationToken);
        return (page?.Bytes, problem);
    }

    public void Dispose() => _downloader.Dispose();
}
