namespace Wrapper.Server.Images;

/// <summary>
/// TIFF's LZW (TIFF 6.0 §13): codes of 9 to 12 bits, most significant bit first, 256 = clear,
/// 257 = end of information. The code width grows one code early (at 511, 1023 and 2047), as every
/// TIFF writer since libtiff does.
/// </summary>
internal ref struct TiffLzw(ReadOnlySpan<byte> source, Span<byte> target)
{
    private const int Clear = 256, EndOfInformation = 257, FirstFree = 258, TableSize = 4096;

    private readonly ReadOnlySpan<byte> _source = source;
    private readonly Span<byte> _target = target;
    private readonly short[] _prefix = new short[TableSize];
    private readonly byte[] _suffix = new byte[TableSize];
    private readonly byte[] _first = new byte[TableSize];
    private readonly int[] _length = new int[TableSize];
    private int _bitPosition;
    private int _written;

    public int Expand()
    {
        for (var i = 0; i < 256; i++) (_prefix[i], _suffix[i], _first[i], _length[i]) = (-1, (byte)i, (byte)i, 1);
        int next = FirstFree, width = 9, previous = -1;
        while (_written < _target.Length && Read(width) is var code and >= 0 and not EndOfInformation)
        {
            if (code == Clear)
            {
                (next, width, previous) = (FirstFree, 9, -1);
                continue;
            }
            if (previous < 0)
            {
                if (code > 255) break; // malformed: the first code after a clear must be a literal
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
            if (next >= (1 << width) - 1 && width < 12) width++;
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
            code = code << 1 | (_source[_bitPosition >> 3] >> (7 - (_bitPosition & 7)) & 1);
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
