namespace Wrapper.TestSupport;

/// <summary>
/// An LZW encoder for the decoder's tests, in TIFF's flavour (codes from the most significant bit,
/// widened one code early) or GIF's (from the least significant bit). The encoder is one table
/// entry ahead of the decoder: growing when its next code passes 2^width (GIF) or reaches it (TIFF)
/// is, seen from the decoder, growing at 2^width and at 2^width - 1.
/// </summary>
public static class TestLzw
{
    public static byte[] Encode(byte[] data, int rootBits, bool tiff)
    {
        var writer = new BitWriter(tiff);
        int clear = 1 << rootBits, next = clear + 2, width = rootBits + 1;
        var table = new Dictionary<string, int>();
        for (var i = 0; i < clear; i++) table[((char)i).ToString()] = i;
        void Grow() { if ((tiff ? next >= 1 << width : next > 1 << width) && width < 12) width++; }
        writer.Write(clear, width);
        var current = "";
        foreach (var b in data)
        {
            var candidate = current + (char)b;
            if (table.ContainsKey(candidate)) { current = candidate; continue; }
            writer.Write(table[current], width);
            if (next >= 4094) throw new InvalidOperationException("test images stay small enough for one LZW table");
            table[candidate] = next++;
            Grow();
            current = ((char)b).ToString();
        }
        if (current.Length > 0)
        {
            writer.Write(table[current], width);
            next++;
            Grow();
        }
        writer.Write(clear + 1, width);
        return writer.ToArray();
    }

    private sealed class BitWriter(bool mostSignificantFirst)
    {
        private readonly List<byte> _bytes = [];
        private int _bits;

        public void Write(int code, int width)
        {
            for (var i = 0; i < width; i++, _bits++)
            {
                if (_bits % 8 == 0) _bytes.Add(0);
                var bit = mostSignificantFirst ? code >> (width - 1 - i) & 1 : code >> i & 1;
                if (bit != 0) _bytes[^1] |= (byte)(mostSignificantFirst ? 0x80 >> (_bits % 8) : 1 << (_bits % 8));
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
