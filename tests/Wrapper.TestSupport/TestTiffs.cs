using System.Buffers.Binary;
using System.IO.Compression;

namespace Wrapper.TestSupport;

/// <summary>
/// TIFF files written here, field by field, for the decoder's tests: either byte order, strips,
/// uncompressed, PackBits, LZW (with TIFF's early code-width change) or Deflate, any colour layout.
/// </summary>
public static class TestTiffs
{
    public const int None = 1, Lzw = 5, Jpeg = 7, Deflate = 8, PackBits = 32773;

    /// <param name="rows">The samples, row after row, each row padded to a whole byte.</param>
    /// <param name="fields">More fields, or replacements (tag → SHORT or LONG values).</param>
    public static byte[] Build(int width, int height, byte[] rows, int samples = 3, int bits = 8, int photometric = 2,
        bool littleEndian = true, int compression = None, int rowsPerStrip = 0, bool predictor = false,
        Dictionary<ushort, uint[]>? fields = null)
    {
        var stride = (width * samples * bits + 7) / 8;
        rowsPerStrip = rowsPerStrip <= 0 ? height : rowsPerStrip;
        var data = new MemoryStream();
        data.Write(new byte[8]);
        var (offsets, counts) = (new List<uint>(), new List<uint>());
        for (var y = 0; y < height; y += rowsPerStrip)
        {
            var strip = rows.AsSpan(y * stride, Math.Min(rowsPerStrip, height - y) * stride).ToArray();
            if (predictor) Difference(strip, stride, samples);
            var packed = Compress(strip, compression);
            offsets.Add((uint)data.Length);
            counts.Add((uint)packed.Length);
            data.Write(packed);
        }
        var all = new SortedDictionary<ushort, uint[]>
        {
            [256] = [(uint)width], [257] = [(uint)height], [258] = [.. Enumerable.Repeat((uint)bits, samples)],
            [259] = [(uint)compression], [262] = [(uint)photometric], [273] = [.. offsets], [277] = [(uint)samples],
            [278] = [(uint)rowsPerStrip], [279] = [.. counts],
        };
        if (predictor) all[317] = [2];
        foreach (var (tag, values) in fields ?? new Dictionary<ushort, uint[]>()) all[tag] = values;
        return WithDirectory(data, all, littleEndian);
    }

    private static byte[] WithDirectory(MemoryStream data, SortedDictionary<ushort, uint[]> fields, bool little)
    {
        if (data.Length % 2 == 1) data.WriteByte(0);
        var directory = (uint)data.Length;
        var extra = directory + 2 + (uint)fields.Count * 12 + 4;
        var bytes = new List<byte>(data.ToArray());
        var outOfLine = new List<byte>();
        void U16(List<byte> to, uint v) { var b = new byte[2]; if (little) BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); else BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); to.AddRange(b); }
        void U32(List<byte> to, uint v) { var b = new byte[4]; if (little) BinaryPrimitives.WriteUInt32LittleEndian(b, v); else BinaryPrimitives.WriteUInt32BigEndian(b, v); to.AddRange(b); }
        U16(bytes, (uint)fields.Count);
        foreach (var (tag, values) in fields)
        {
            // Offsets, counts and sizes as LONG; the rest as SHORT (both are allowed for most fields).
            var isLong = tag is 256 or 257 or 273 or 278 or 279 || values.Any(v => v > ushort.MaxValue);
            var size = isLong ? 4 : 2;
            U16(bytes, tag);
            U16(bytes, isLong ? 4u : 3u);
            U32(bytes, (uint)values.Length);
            var encoded = new List<byte>();
            foreach (var value in values) if (isLong) U32(encoded, value); else U16(encoded, value);
            if (values.Length * size <= 4) bytes.AddRange(encoded.Concat(new byte[4 - encoded.Count]));
            else
            {
                U32(bytes, extra + (uint)outOfLine.Count);
                outOfLine.AddRange(encoded);
            }
        }
        U32(bytes, 0); // no next directory
        bytes.AddRange(outOfLine);
        var tiff = bytes.ToArray();
        (little ? "II"u8 : "MM"u8).CopyTo(tiff);
        if (little) { BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42); BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), directory); }
        else { BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42); BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), directory); }
        return tiff;
    }

    private static void Difference(byte[] strip, int stride, int samples)
    {
        for (var row = 0; row < strip.Length; row += stride)
            for (var i = row + stride - 1; i >= row + samples; i--)
                strip[i] -= strip[i - samples];
    }

    private static byte[] Compress(byte[] strip, int compression) => compression switch
    {
        PackBits => PackBitsEncode(strip),
        Lzw => TestLzw.Encode(strip, rootBits: 8, tiff: true),
        Deflate => DeflateEncode(strip),
        _ => strip,
    };

    /// <summary>Runs of three or more equal bytes as repeats, everything else as literals of up to 128 bytes.</summary>
    private static byte[] PackBitsEncode(byte[] data)
    {
        var output = new List<byte>();
        var i = 0;
        while (i < data.Length)
        {
            var run = 1;
            while (i + run < data.Length && run < 128 && data[i + run] == data[i]) run++;
            if (run >= 3)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(data[i]);
                i += run;
                continue;
            }
            var start = i;
            while (i < data.Length && i - start < 128 && !(i + 2 < data.Length && data[i] == data[i + 1] && data[i] == data[i + 2])) i++;
            output.Add((byte)(i - start - 1));
            output.AddRange(data[start..i]);
        }
        return [.. output];
    }

    private static byte[] DeflateEncode(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }
}
