namespace Wrapper.Server.Images;

/// <summary>
/// The LZW of TIFF (TIFF 6.0 §13) and GIF (GIF89a appendix F): codes of root+1 up to 12 bits, a clear
/// code and an end code after the roots. TIFF packs codes from the most significant bit and widens
/// them one code early (at 511, 1023 and 2047, as every writer since libtiff does); GIF packs them
/// from the least significant bit and widens at 512, 1024 and 2048. Never writes past the target.
/// </summary>
internal ref struct LzwDecoder(ReadOnlySpan<byte> source, Span<byte> target, int rootBits, bool tiff)
{
    private const int TableSize = 4096;

    private readonly ReadOnlySpan<byte> _source = source;
    private readonly Span<byte> _target = target;
    private readonly short[] _prefix = new short[TableSize];
    private readonly byte[] _suffix = new byte[TableSize];
    private readonly byte[] _first = new byte[TableSize];
    private readonly int[] _length = new int[TableSize];
    private int _bitPosition;
    private int _written;

    /// <returns>The number of bytes written; less than the target's length when the data ran out or went wrong.</returns>
    public int Expand()
    {
        int clear = 1 << rootBits, end = clear + 1, early = tiff ? 1 : 0;
        for (var i = 0; i < clear; i++) (_prefix[i], _suffix[i], _first[i], _length[i]) = (-1, (byte)i, (byte)i, 1);
        int next = clear + 2, width = rootBits + 1, previous = -1;
        while (_written < _target.Length && Read(width) is var code and >= 0 && code != end)
        {
            if (code == clear)
            {
                (next, width, previous) = (clear + 2, rootBits + 1, -1);
                continue;
            }
            if (previous < 0)
            {
                if (code > clear) break; // malformed: the first code after a clear must be a root
                Write(code);
                previous = code;
                continue;
            }
            if (code > next || (code == next && next >= TableSize)) break; // malformed
            var first = code < next ? _first[code] : _first[previous];
            if (next < TableSize)
            {
                (_prefix[next], _suffix[next], _first[next], _length[next]) = ((short)previous, first, _first[previous], _length[previous] + 1);
                next++;
            }
            Write(code);
            if (next >= (1 << width) - early && width < 12) width++;
            previous = code;
        }
        return _written;
    }

    /// <summary>The next code, or -1 at the end of the data.</summary>
    private int Read(int width)
    {
        if (_bitPosition + width > _source.Length * 8) return -1;
        var code = 0;
        for (var i = 0; i < width; i++, _bitPosition++)
        {
            var bit = tiff ? _source[_bitPosition >> 3] >> (7 - (_bitPosition & 7)) & 1 : _source[_bitPosition >> 3] >> (_bitPosition & 7) & 1;
            code = tiff ? code << 1 | bit : code | bit << i;
        }
        return code;
    }

    /// <summary>Writes a code's string, walking its prefixes from the end; cut off where the target ends.</summary>
    private void Write(int code)
    {
        var length = _length[code];
        for (var at = _written + length - 1; code >= 0; code = _prefix[code], at--)
            if (at < _target.Length) _target[at] = _suffix[code];
        _written = Math.Min(_written + length, _target.Length);
    }
}
