using System.Buffers.Binary;

namespace Wrapper.TestSupport;

/// <summary>GIF files written here, block by block, for the decoder's tests.</summary>
public static class TestGifs
{
    /// <summary>One frame of a GIF: where it sits on the canvas, its colour indices row by row (in display order), its options.</summary>
    public sealed record Frame(int Left, int Top, int Width, int Height, byte[] Indices)
    {
        public byte[]? LocalColours { get; init; }
        public int? Transparent { get; init; }
        public bool Interlaced { get; init; }
    }

    /// <param name="colours">The global colour table (RGB triples, a power of two of them), or null for none.</param>
    public static byte[] Build(int width, int height, byte[]? colours, params Frame[] frames)
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange(U16(width));
        bytes.AddRange(U16(height));
        bytes.AddRange([colours is null ? (byte)0 : (byte)(0x80 | SizeBits(colours)), 0, 0]);
        if (colours is not null) bytes.AddRange(colours);
        foreach (var frame in frames)
        {
            if (frame.Transparent is { } transparent) bytes.AddRange([0x21, 0xF9, 4, 1, 0, 0, (byte)transparent, 0]);
            bytes.Add(0x2C);
            foreach (var value in new[] { frame.Left, frame.Top, frame.Width, frame.Height }) bytes.AddRange(U16(value));
            var table = frame.LocalColours;
            bytes.Add((byte)((table is null ? 0 : 0x80 | SizeBits(table)) | (frame.Interlaced ? 0x40 : 0)));
            if (table is not null) bytes.AddRange(table);
            var rootBits = Math.Max(2, SizeBits(table ?? colours!) + 1);
            bytes.Add((byte)rootBits);
            var data = TestLzw.Encode(frame.Interlaced ? Interlace(frame.Indices, frame.Width, frame.Height) : frame.Indices, rootBits, tiff: false);
            foreach (var block in data.Chunk(255))
            {
                bytes.Add((byte)block.Length);
                bytes.AddRange(block);
            }
            bytes.Add(0);
        }
        bytes.Add(0x3B);
        return [.. bytes];
    }

    /// <summary>A colour table of n entries: entry i is (i * 3, i * 5, i * 7) modulo 256.</summary>
    public static byte[] Colours(int n) => [.. Enumerable.Range(0, n).SelectMany(i => new[] { (byte)(i * 3), (byte)(i * 5), (byte)(i * 7) })];

    /// <summary>log2(entries) - 1, as the packed fields store a table's size.</summary>
    private static int SizeBits(byte[] table) => (int)Math.Log2(table.Length / 3) - 1;

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }

    /// <summary>Rows in the four passes of GIF interlacing: every 8th from 0, every 8th from 4, every 4th from 2, every 2nd from 1.</summary>
    private static byte[] Interlace(byte[] indices, int width, int height) =>
        [.. new[] { (0, 8), (4, 8), (2, 4), (1, 2) }
            .SelectMany(pass => Enumerable.Range(0, height).Where(y => y >= pass.Item1 && (y - pass.Item1) % pass.Item2 == 0))
            .SelectMany(y => indices.Skip(y * width).Take(width))];
}
