namespace Wrapper.EndToEndTests.Fakes;

/// <summary>Splits reply text into the pieces that are streamed as separate deltas.</summary>
internal static class TextPieces
{
    /// <summary>
    /// Up to <paramref name="count"/> pieces on word boundaries, each but the last keeping its
    /// trailing space, so joining them gives back the text exactly (as the Python reference mock does).
    /// </summary>
    public static IReadOnlyList<string> OnWords(string text, int count = 3)
    {
        if (text.Length == 0) return [];
        var words = text.Split(' ');
        var pieceCount = Math.Clamp(count, 1, words.Length);
        var pieces = new List<string>();
        for (var piece = 0; piece < pieceCount; piece++)
        {
            // Spread the words evenly: 4 words in 3 pieces are 1 + 1 + 2, not 2 + 2.
            var first = piece * words.Length / pieceCount;
            var end = (piece + 1) * words.Length / pieceCount;
            var joined = string.Join(' ', words[first..end]);
            pieces.Add(end < words.Length ? joined + " " : joined);
        }
        return pieces;
    }

    /// <summary>
    /// Up to <paramref name="count"/> pieces of roughly equal length, cut anywhere (JSON fragments
    /// for input_json_delta are cut mid-token by the real API too), but never inside a surrogate pair.
    /// </summary>
    public static IReadOnlyList<string> ByLength(string text, int count = 3)
    {
        if (text.Length == 0) return [];
        var size = Math.Max(1, (int)Math.Ceiling(text.Length / (double)Math.Max(1, count)));
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1])) end++;
            pieces.Add(text[start..end]);
            start = end;
        }
        return pieces;
    }
}
