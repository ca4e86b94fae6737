using System.Buffers.Binary;

namespace Wrapper.Server.Images;

/// <summary>
/// Decodes the first frame of a GIF (https://www.w3.org/Graphics/GIF/spec-gif89a.txt) into RGBA on
/// its canvas, transparent where the frame does not cover it or uses its transparent index. GIFs
/// are converted because the Gemini API takes no image/gif and OpenAI only still ones; a model
/// sees one frame of an animation anyway. The caller has checked the canvas against MAX_IMAGE_PIXELS.
/// </summary>
internal static class GifDecoder
{
    public static (byte[]? Rgba, string? Problem) ToRgba(ReadOnlySpan<byte> bytes, int width, int height)
    {
        const string Malformed = "it is truncated or malformed";
        if (bytes.Length < 13) return (null, Malformed);
        var position = 13;
        var global = Table(bytes, bytes[10], ref position);
        var transparent = -1;
        while (position < bytes.Length)
        {
            switch (bytes[position++])
            {
                case 0x21 when position < bytes.Length: // extension: only the graphic control one matters (transparency)
                    var label = bytes[position++];
                    if (label == 0xF9 && position + 5 < bytes.Length && (bytes[position + 1] & 1) != 0) transparent = bytes[position + 4];
                    if (!SkipSubBlocks(bytes, ref position)) return (null, Malformed);
                    break;
                case 0x2C when position + 9 <= bytes.Length:
                    return Frame(bytes, ref position, global, transparent, width, height) ?? (null, Malformed);
                default:
                    return (null, Malformed); // the trailer (0x3B) before any frame, or garbage
            }
        }
        return (null, Malformed);
    }

    private static (byte[]?, string?)? Frame(ReadOnlySpan<byte> bytes, ref int position, byte[]? global, int transparent, int width, int height)
    {
        var descriptor = bytes.Slice(position, 9);
        int left = BinaryPrimitives.ReadUInt16LittleEndian(descriptor), top = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]);
        int frameWidth = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]), frameHeight = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[6..]);
        var interlaced = (descriptor[8] & 0x40) != 0;
        position += 9;
        // A frame larger than the checked canvas would make the pixel limit meaningless.
        if (left + frameWidth > width || top + frameHeight > height) return (null, "its first frame lies outside its canvas");
        var colours = Table(bytes, descriptor[8], ref position) ?? global;
        if (colours is null || position >= bytes.Length) return null;
        var rootBits = bytes[position++];
        if (rootBits is < 2 or > 8) return null;
        var data = new MemoryStream();
        for (int length; position < bytes.Length && (length = bytes[position++]) > 0; position += length)
        {
            if (position + length > bytes.Length) return null;
            data.Write(bytes.Slice(position, length));
        }
        var indices = new byte[frameWidth * frameHeight];
        if (new LzwDecoder(data.GetBuffer().AsSpan(0, (int)data.Length), indices, rootBits, tiff: false).Expand() < indices.Length) return null;

        var rgba = new byte[(long)width * height * 4];
        for (var row = 0; row < frameHeight; row++)
        {
            var y = top + (interlaced ? InterlacedRow(row, frameHeight) : row);
            for (var x = 0; x < frameWidth; x++)
            {
                var index = indices[row * frameWidth + x];
                if (index == transparent || index * 3 + 2 >= colours.Length) continue;
                var at = ((long)y * width + left + x) * 4;
                (rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]) = (colours[index * 3], colours[index * 3 + 1], colours[index * 3 + 2], 255);
            }
        }
        return (rgba, null);
    }

    /// <summary>The colour table a packed field announces (bit 7 set, 2^(n+1) entries of RGB), read and skipped.</summary>
    private static byte[]? Table(ReadOnlySpan<byte> bytes, byte packed, ref int position)
    {
        if ((packed & 0x80) == 0) return null;
        var size = 3 << ((packed & 7) + 1);
        if (position + size > bytes.Length) return null;
        var table = bytes.Slice(position, size).ToArray();
        position += size;
        return table;
    }

    private static bool SkipSubBlocks(ReadOnlySpan<byte> bytes, ref int position)
    {
        while (position < bytes.Length)
        {
            var length = bytes[position++];
            if (length == 0) return true;
            position += length;
        }
        return false;
    }

    /// <summary>Rows are stored in four passes: every 8th from 0, every 8th from 4, every 4th from 2, every 2nd from 1.</summary>
    private static int InterlacedRow(int stored, int height)
    {
        foreach (var (start, step) in new[] { (0, 8), (4, 8), (2, 4), (1, 2) })
        {
            var count = (height - start + step - 1) / step;
            if (stored < count) return start + stored * step;
            stored -= count;
        }
        return stored;
    }
}
