using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Images;

/// <summary>
/// Turns the image parts of the messages after the last assistant message (the only new ones: the
/// client resends the whole conversation every turn) into checked images: decoded from their
/// <c>data:</c> URL or downloaded (see <see cref="ImageDownloader"/>), recognised from their bytes,
/// their size and dimensions within the limits (read from the header before anything decodes), and
/// what a CLI cannot take converted to PNG (see <see cref="ImageCodec"/>). Any failure is a 400
/// naming the image's place and the limit or the reason.
/// </summary>
internal sealed class ImagePreparer(IOptions<ImageOptions> options, ImageDownloader downloader) : IDisposable
{
    // Agents resend the same screenshot turn after turn until the assistant answers; a data URL is
    // checked (and converted) once. Keyed by the SHA-256 of the URL, bounded by total image bytes.
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    private readonly ImageOptions _limits = options.Value;
    private readonly ImageCodec _codec = new(options.Value.MaxImagePixels);
    // Conversions at once, whatever the caller (the debug endpoint holds no CLI slot): each may hold a canvas of MAX_IMAGE_PIXELS.
    private readonly SemaphoreSlim _decoding = new(Math.Max(1, Environment.ProcessorCount));
    private readonly MemoryCache _checked = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public async Task<IReadOnlyList<PreparedImage>> PrepareAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var fresh = NewImages(request.Messages).ToList();
        if (fresh.Count > _limits.MaxImages)
            throw Invalid($"The request carries {fresh.Count} new images; at most {_limits.MaxImages} (MAX_IMAGES) are accepted.", "messages");
        var budget = new ImageBudget(_limits);
        var prepared = new List<PreparedImage>();
        foreach (var image in fresh)
        {
            var one = await PrepareCachedAsync(image, budget, cancellationToken);
            budget.Send(image, one.Bytes.Length);
            prepared.Add(one with { Number = prepared.Count + 1 });
        }
        return prepared;
    }

    public void Dispose()
    {
        _checked.Dispose();
        _decoding.Dispose();
    }

    private async Task<PreparedImage> PrepareCachedAsync(ImageRef image, ImageBudget budget, CancellationToken cancellationToken)
    {
        var isData = image.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
        var key = isData ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(image.Url))) : null;
        if (key is not null && _checked.TryGetValue(key, out CachedImage? known))
        {
            // A cached conversion counts as if it were decoded again, so that a request is accepted or refused alike either way.
            if (known!.Converted) budget.Decode(image, known.Image.Width, known.Image.Height);
            return known.Image;
        }
        var bytes = await BytesAsync(image, cancellationToken);
        PreparedImage prepared;
        bool converted;
        await _decoding.WaitAsync(cancellationToken);
        try
        {
            (prepared, converted) = Prepare(image, bytes, budget, cancellationToken);
        }
        finally
        {
            _decoding.Release();
        }
        // Web images are fetched each time: their content may change, and so may their address's meaning.
        if (key is not null)
            _checked.Set(key, new CachedImage(prepared, converted), new MemoryCacheEntryOptions { Size = prepared.Bytes.Length, SlidingExpiration = CacheFor });
        return prepared;
    }

    /// <summary>Images of messages after the last assistant message; earlier ones were seen before.</summary>
    public static IEnumerable<ImageRef> NewImages(IReadOnlyList<ConversationMessage> messages)
    {
        var lastAssistant = messages.ToList().FindLastIndex(m => m.Role == ConversationRole.Assistant);
        return messages.Skip(lastAssistant + 1).SelectMany(m => m.Images);
    }

    private async Task<byte[]> BytesAsync(ImageRef image, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(image.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return Decode(image);
        var (bytes, problem) = await downloader.DownloadAsync(url, _limits.MaxImageBytes, cancellationToken);
        return bytes ?? throw Invalid($"The image at {image.Param} could not be used: {problem}.", image.Param, "image_download_failed");
    }

    private (PreparedImage Image, bool Converted) Prepare(ImageRef image, byte[] bytes, ImageBudget budget, CancellationToken cancellationToken)
    {
        var header = _codec.Identify(bytes);
        if (header.Format is null)
            throw Invalid($"The image at {image.Param} is not a PNG, JPEG, GIF, WebP, BMP, TIFF, TGA or PBM image (judged by its bytes).", image.Param);
        if (header.Problem is { } unreadable)
            throw Invalid($"The image at {image.Param} is a {header.FormatName} file whose header cannot be read: {unreadable}.", image.Param);
        var (width, height) = (header.Width, header.Height);
        if ((long)width * height > _limits.MaxImagePixels)
            throw Invalid($"The image at {image.Param} is {width}×{height} pixels; at most {_limits.MaxImagePixels} pixels (MAX_IMAGE_PIXELS) are accepted.", image.Param);
        if (ImageFormats.WebFormat(header.Format) is { } web) return (new PreparedImage(0, web, bytes, width, height), false);

        budget.Decode(image, width, height);
        var (png, problem) = _codec.ToPng(bytes, cancellationToken);
        if (png is null)
            throw Invalid($"The image at {image.Param} is a {header.FormatName} file that cannot be converted here ({problem}); send it as PNG or JPEG.", image.Param);
        // The model APIs limit the image they receive, not the file the client sent.
        return png.Length > _limits.MaxImageBytes
            ? throw Invalid($"The image at {image.Param} is {png.Length} bytes once converted to PNG; at most {_limits.MaxImageBytes} bytes (MAX_IMAGE_BYTES) are accepted.", image.Param, "image_too_large")
            : (new PreparedImage(0, ImageFormat.Png, png, width, height), true);
    }

    private byte[] Decode(ImageRef image)
    {
        var url = image.Url;
        if (!Base64DataUrl.TryParse(url, out _, out var data))
            throw Invalid($"The image at {image.Param} must be a base64 data: URL (data:image/png;base64,...) or an http(s) URL.", image.Param);
        // Reject by size before decoding: base64 carries 3 bytes in every 4 characters.
        var encodedLength = url.Length - data;
        if ((long)encodedLength * 3 / 4 > _limits.MaxImageBytes + 2)
            throw TooLarge(image, (long)encodedLength * 3 / 4);
        var bytes = new byte[encodedLength * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(url.AsSpan(data), bytes, out var written))
            throw Invalid($"The image at {image.Param} is not valid base64.", image.Param);
        if (written > _limits.MaxImageBytes) throw TooLarge(image, written);
        return bytes[..written];
    }

    private GatewayException TooLarge(ImageRef image, long size) =>
        Invalid($"The image at {image.Param} is {size} bytes; at most {_limits.MaxImageBytes} bytes (MAX_IMAGE_BYTES) are accepted.", image.Param, "image_too_large");

    internal static GatewayException Invalid(string message, string param, string code = "invalid_image") =>
        new(GatewayError.InvalidRequest(message, param, code));

    private sealed record CachedImage(PreparedImage Image, bool Converted);
}
