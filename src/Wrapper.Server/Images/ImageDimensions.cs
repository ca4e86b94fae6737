using System.Buffers.Binary;

namespace Wrapper.Server.Images;

/// <summary>
/// Reads an image's width and height from its header alone, so that a decompression bomb (a small
/// file that claims an enormous canvas) is refused before anything decodes it. Null when the header
/// is truncated or malformed.
/// </summary>
internal static class ImageDimensions
{
    public static (int Width, int Height)? Read(ReadOnlySpan<byte> bytes, ImageFormat format) => format switch
    {
        ImageFormat.Png when bytes.Length >= 24 && bytes[12..16].SequenceEqual("IHDR"u8) =>
            Valid(BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..])),
        ImageFormat.Gif when bytes.Length >= 10 =>
            Valid(BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..])),
        ImageFormat.Bmp when bytes.Length >= 26 =>
            Valid(BinaryPrimitives.ReadInt32LittleEndian(bytes[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(bytes[22..]))),
        ImageFormat.Jpeg => Jpeg(bytes),
        ImageFormat.WebP => WebP(bytes),
        ImageFormat.Tiff => Tiff(bytes),
        _ => null,
    };

    private static (int, int)? Valid(long width, long height) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue ? ((int)width, (int)height) : null;

    /// <summary>Walks the markers to the first start-of-frame (SOF0-SOF15, not DHT, JPG or DAC).</summary>
    private static (int, int)? Jpeg(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        while (position + 9 < bytes.Length)
        {
            if (bytes[position] != 0xFF) return null;
            var marker = bytes[position + 1];
            if (marker == 0xFF) { position++; continue; }                      // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { position += 2; continue; } // no length
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return Valid(BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]));
            if (length < 2) return null;
            position += 2 + length;
        }
        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30) return null;
        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return Valid(1 + ReadUInt24(bytes[24..]), 1 + ReadUInt24(bytes[27..]));
        if (chunk.SequenceEqual("VP8L"u8) && bytes[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return Valid(1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
        }
        if (chunk.SequenceEqual("VP8 "u8) && bytes[23] == 0x9D && bytes[24] == 0x01 && bytes[25] == 0x2A)
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        return null;
    }

    /// <summary>ImageWidth (256) and ImageLength (257) from the first IFD, in either byte order.</summary>
    private static (int, int)? Tiff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8) return null;
        var little = bytes[0] == 0x49;
        var ifd = ReadUInt32(bytes[4..], little);
        if (ifd + 2 > bytes.Length) return null;
        var entries = ReadUInt16(bytes[(int)ifd..], little);
        long width = 0, height = 0;
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)ifd + 2 + i * 12;
            if (entry + 12 > bytes.Length) return null;
            var tag = ReadUInt16(bytes[entry..], little);
            var type = ReadUInt16(bytes[(entry + 2)..], little);
            long value = type == 3 ? ReadUInt16(bytes[(entry + 8)..], little) : ReadUInt32(bytes[(entry + 8)..], little);
            if (tag == 256) width = value;
            else if (tag == 257) height = value;
        }
        return Valid(width, height);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
