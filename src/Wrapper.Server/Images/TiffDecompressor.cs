using System.IO.Compression;

namespace Wrapper.Server.Images;

/// <summary>
/// Expands one TIFF strip into a buffer of exactly the size its rows need: uncompressed (1), LZW (5),
/// Deflate (8 and the old 32946) and PackBits (32773). Never writes past the buffer, whatever the
/// data claims, so a strip cannot expand beyond the dimensions that were checked.
/// </summary>
internal static class TiffDecompressor
{
    public static bool Supports(long compression) => compression is 1 or 5 or 8 or 32946 or 32773;

    /// <returns>The number of bytes written; less than the buffer's length when the data ran out.</returns>
    public static int Expand(long compression, ReadOnlySpan<byte> source, Span<byte> target) => compression switch
    {
        1 => Copy(source, target),
        5 => Lzw(source, target),
        32773 => PackBits(source, target),
        _ => Deflate(source, target),
    };

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var length = Math.Min(source.Length, target.Length);
        source[..length].CopyTo(target);
        return length;
    }

    /// <summary>TIFF 6.0 §9: a count byte n, then n+1 literal bytes (n ≥ 0) or one byte repeated 1-n times (n &lt; 0; -128 is a no-op).</summary>
    private static int PackBits(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int read = 0, written = 0;
        while (read < source.Length && written < target.Length)
        {
            var n = (sbyte)source[read++];
            if (n >= 0)
            {
                var length = Math.Min(Math.Min(n + 1, source.Length - read), target.Length - written);
                source.Slice(read, length).CopyTo(target[written..]);
                (read, written) = (read + n + 1, written + length);
            }
            else if (n != -128 && read < source.Length)
            {
                var length = Math.Min(1 - n, target.Length - written);
                target.Slice(written, length).Fill(source[read++]);
                written += length;
            }
        }
        return written;
    }

    private static int Deflate(ReadOnlySpan<byte> source, Span<byte> target)
    {
        using var zlib = new ZLibStream(new MemoryStream(source.ToArray()), CompressionMode.Decompress);
        var written = 0;
        try
        {
            int read;
            while (written < target.Length && (read = zlib.Read(target[written..])) > 0) written += read;
        }
        catch (InvalidDataException)
        {
            // Corrupt data: what was expanded so far is reported, and the caller refuses a short strip.
        }
        return written;
    }

    private static int Lzw(ReadOnlySpan<byte> source, Span<byte> target) => new LzwDecoder(source, target, rootBits: 8, tiff: true).Expand();
}
