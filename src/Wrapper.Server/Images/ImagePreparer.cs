using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Wrapper.Server.Completions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Images;

/// <summary>
/// Turns the image parts of the messages after the last assistant message (the only new ones: the
/// client resends the whole conversation every turn) into checked images: decoded from their
/// <c>data:</c> URL or downloaded (see <see cref="ImageDownloader"/>), recognised from their bytes, their size and dimensions within the limits, and
/// BMP, GIF and TIFF converted to PNG. Any failure is a 400 naming the image's place and the limit.
/// </summary>
internal sealed class ImagePreparer(IOptions<ImageOptions> options, ImageDownloader downloader) : IDisposable
{
    // Agents resend the same screenshot turn after turn until the assistant answers; a data URL is
    // checked (and converted) once. Keyed by the SHA-256 of the URL, bounded by total image bytes.
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    private readonly ImageOptions _limits = options.Value;
    private readonly MemoryCache _checked = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });

    public async Task<IReadOnlyList<PreparedImage>> PrepareAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var fresh = NewImages(request.Messages).ToList();
        if (fresh.Count > _limits.MaxImages)
            throw Invalid($"The request carries {fresh.Count} new images; at most {_limits.MaxImages} (MAX_IMAGES) are accepted.", "messages");
        var prepared = new List<PreparedImage>();
        foreach (var image in fresh) prepared.Add(await PrepareCachedAsync(image, cancellationToken) with { Number = prepared.Count + 1 });
        return prepared;
    }

    public void Dispose() => _checked.Dispose();

    private async Task<PreparedImage> PrepareCachedAsync(ImageRef image, CancellationToken cancellationToken)
    {
        var isData = image.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
        var key = isData ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(image.Url))) : null;
        if (key is not null && _checked.TryGetValue(key, out PreparedImage? known)) return known!;
        var prepared = Prepare(image, await BytesAsync(image, cancellationToken), 0);
        // Web images are fetched each time: their content may change, and so may their address's meaning.
        if (key is not null) _checked.Set(key, prepared, new MemoryCacheEntryOptions { Size = prepared.Bytes.Length, SlidingExpiration = CacheFor });
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

    private PreparedImage Prepare(ImageRef image, byte[] bytes, int number)
    {
        var format = ImageSniffer.Detect(bytes)
            ?? throw Invalid($"The image at {image.Param} is not a PNG, JPEG, GIF, WebP, BMP or TIFF image (judged by its bytes).", image.Param);
        var (width, height) = ImageDimensions.Read(bytes, format)
            ?? throw Invalid($"The image at {image.Param} is a truncated or malformed {format} file.", image.Param);
        if ((long)width * height > _limits.MaxImagePixels)
            throw Invalid($"The image at {image.Param} is {width}×{height} pixels; at most {_limits.MaxImagePixels} pixels (MAX_IMAGE_PIXELS) are accepted.", image.Param);
        if (format.IsWebFormat()) return new PreparedImage(number, format, bytes, width, height);
        var (rgba, problem) = format switch
        {
            ImageFormat.Bmp => (BmpDecoder.ToRgba(bytes, width, height), null),
            ImageFormat.Gif => GifDecoder.ToRgba(bytes, width, height),
            _ => TiffDecoder.ToRgba(bytes, width, height),
        };
        if (rgba is null)
            throw Invalid($"The image at {image.Param} is a {format.ToString().ToUpperInvariant()} variant that cannot be converted here{(problem is null ? "" : $" ({problem})")}; send it as PNG or JPEG.", image.Param);
        var png = PngEncoder.Encode(width, height, rgba);
        // The model APIs limit the image they receive, not the file the client sent.
        return png.Length > _limits.MaxImageBytes
            ? throw Invalid($"The image at {image.Param} is {png.Length} bytes once converted to PNG; at most {_limits.MaxImageBytes} bytes (MAX_IMAGE_BYTES) are accepted.", image.Param, "image_too_large")
            : new PreparedImage(number, ImageFormat.Png, png, width, height);
    }

    private byte[] Decode(ImageRef image)
    {
        var url = image.Url;
        var comma = url.IndexOf(',');
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw Invalid($"The image at {image.Param} must be a base64 data: URL (data:image/png;base64,...) or an http(s) URL.", image.Param);
        // Reject by size before decoding: base64 carries 3 bytes in every 4 characters.
        var encodedLength = url.Length - comma - 1;
        if ((long)encodedLength * 3 / 4 > _limits.MaxImageBytes + 2)
            throw TooLarge(image, (long)encodedLength * 3 / 4);
        var bytes = new byte[encodedLength * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(url.AsSpan(comma + 1), bytes, out var written))
            throw Invalid($"The image at {image.Param} is not valid base64.", image.Param);
        if (written > _limits.MaxImageBytes) throw TooLarge(image, written);
        return bytes[..written];
    }

    private GatewayException TooLarge(ImageRef image, long size) =>
        Invalid($"The image at {image.Param} is {size} bytes; at most {_limits.MaxImageBytes} bytes (MAX_IMAGE_BYTES) are accepted.", image.Param, "image_too_large");

    private static GatewayException Invalid(string message, string param, string code = "invalid_image") =>
        new(GatewayError.InvalidRequest(message, param, code));
}
