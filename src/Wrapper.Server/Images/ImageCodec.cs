using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace Wrapper.Server.Images;

/// <summary>
/// The gateway's use of ImageSharp (https://docs.sixlabors.com/articles/imagesharp/): the format and
/// dimensions from the header alone (<c>Image.Identify</c>, which decodes no pixels), and the
/// conversion to PNG of what a CLI cannot take. Only the first frame of a GIF or TIFF is decoded:
/// the Gemini API takes no image/gif and a model sees one frame of an animation anyway.
/// </summary>
internal sealed class ImageCodec
{
    // Fixed PNG settings and no metadata: the same pixels always give the same bytes, and nothing of
    // the sender's EXIF, ICC or XMP travels on.
    private static readonly PngEncoder Png = new() { ColorType = PngColorType.RgbWithAlpha, BitDepth = PngBitDepth.Bit8 };

    private readonly SixLabors.ImageSharp.Configuration _configuration;

    /// <param name="maxPixels">MAX_IMAGE_PIXELS: no buffer beyond what an image of that size needs is ever allocated.</param>
    public ImageCodec(long maxPixels)
    {
        NativeHeap.KeepLargeBlocksMapped();
        _configuration = SixLabors.ImageSharp.Configuration.Default.Clone();
        // No pool: a decoded canvas is given back to the system when its request is done with it,
        // rather than kept for the next one (memory that was never released). The limit
        // (8 bytes a pixel covers 16-bit intermediates) stops a header that lied about its size.
        _configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
        {
            MaximumPoolSizeMegabytes = 0,
            AllocationLimitMegabytes = (int)Math.Min(int.MaxValue, maxPixels * 8 / (1024 * 1024) + 16),
        });
        _configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        _configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
    }

    /// <summary>The format's name (GIF, TIFF, ...) and the header's dimensions, or why the header cannot be read.</summary>
    public ImageHeader Identify(byte[] bytes)
    {
        var format = Image.DetectFormat(_configuration, bytes);
        if (format is null) return new ImageHeader(null, 0, 0, "it is not in a format the gateway reads");
        try
        {
            var info = Image.Identify(_configuration, bytes, out _);
            return info is null
                ? new ImageHeader(format, 0, 0, "its header cannot be read")
                : new ImageHeader(format, info.Width, info.Height, info.Width > 0 && info.Height > 0 ? null : "its header gives no size");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ImageHeader(format, 0, 0, Reason(e));
        }
    }

    /// <summary>The first frame as PNG, or why it cannot be decoded. The caller has checked the header's dimensions.</summary>
    public (byte[]? Png, string? Problem) ToPng(byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            using var image = Image.Load<Rgba32>(_configuration, bytes);
            cancellationToken.ThrowIfCancellationRequested();
            image.Metadata.ExifProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            (image.Metadata.HorizontalResolution, image.Metadata.VerticalResolution, image.Metadata.ResolutionUnits) = (96, 96, PixelResolutionUnit.PixelsPerInch);
            return (EncodePng(image), null);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return (null, Reason(e));
        }
        finally
        {
            NativeHeap.Trim();
        }
    }

    /// <summary>The PNG of these pixels, the same bytes for the same pixels.</summary>
    internal static byte[] EncodePng(Image<Rgba32> image)
    {
        var output = new MemoryStream();
        image.SaveAsPng(output, Png);
        return output.ToArray();
    }

    /// <summary>
    /// Why, worded to follow "because": ImageSharp's own message for what it recognises as a bad or
    /// unsupported image (its first line), a plain phrase for the rest (its internal failures on
    /// damaged files say nothing a client could act on).
    /// </summary>
    private static string Reason(Exception e)
    {
        var message = e switch
        {
            InvalidMemoryOperationException => "it would need more memory than its size allows",
            UnknownImageFormatException => "its pixel data is in a form that cannot be decoded",
            ImageFormatException or NotSupportedException => e.Message.Split('\n')[0].Trim().TrimEnd('.'),
            _ => "it is truncated or malformed",
        };
        // "Bad sampling factor" → "bad sampling factor", but "PNG Image ..." keeps its capitals.
        return message.Length > 1 && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }
}
