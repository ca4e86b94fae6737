using System.Buffers.Binary;

namespace Wrapper.Server.Images;

/// <summary>
/// The integer fields of a TIFF's first image file directory (TIFF 6.0 §2), in either byte order:
/// what the decoder needs to find and read the strips of the first page. Fields of other types
/// (ASCII, rationals) are skipped.
/// </summary>
internal sealed class TiffDirectory
{
    public const ushort ImageWidth = 256, ImageLength = 257, BitsPerSample = 258, Compression = 259, Photometric = 262,
        StripOffsets = 273, SamplesPerPixel = 277, RowsPerStrip = 278, StripByteCounts = 279, PlanarConfiguration = 284,
        Predictor = 317, ColorMap = 320, TileWidth = 322, ExtraSamples = 338;

    private readonly Dictionary<ushort, long[]> _fields;

    private TiffDirectory(Dictionary<ushort, long[]> fields) => _fields = fields;

    /// <summary>The directory, or null when the header or directory is truncated or malformed.</summary>
    public static TiffDirectory? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !(bytes[0] == 0x49 || bytes[0] == 0x4D)) return null;
        var little = bytes[0] == 0x49;
        var offset = U32(bytes[4..], little);
        if (offset + 2 > (uint)bytes.Length) return null;
        var count = U16(bytes[(int)offset..], little);
        if (offset + 2 + count * 12L > bytes.Length) return null;
        var fields = new Dictionary<ushort, long[]>();
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.Slice((int)offset + 2 + i * 12, 12);
            var (tag, type, valueCount) = (U16(entry, little), U16(entry[2..], little), U32(entry[4..], little));
            var size = type switch { 1 or 6 or 7 => 1, 3 or 8 => 2, 4 or 9 => 4, _ => 0 };
            if (size == 0) continue;
            var length = (long)size * valueCount;
            var at = length <= 4 ? (long)offset + 2 + i * 12 + 8 : U32(entry[8..], little);
            // Every value must lie inside the file: this also bounds what a hostile count can allocate.
            if (at + length > bytes.Length) return null;
            var values = new long[valueCount];
            var source = bytes.Slice((int)at, (int)length);
            for (var v = 0; v < values.Length; v++)
                values[v] = size switch { 1 => source[v], 2 => U16(source[(v * 2)..], little), _ => U32(source[(v * 4)..], little) };
            fields[tag] = values;
        }
        return new TiffDirectory(fields);
    }

    public bool Has(ushort tag) => _fields.ContainsKey(tag);

    public long[]? Values(ushort tag) => _fields.GetValueOrDefault(tag);

    /// <summary>The field's first value, or the TIFF default when the file leaves it out.</summary>
    public long Value(ushort tag, long fallback) => _fields.TryGetValue(tag, out var values) && values.Length > 0 ? values[0] : fallback;

    private static ushort U16(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint U32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
