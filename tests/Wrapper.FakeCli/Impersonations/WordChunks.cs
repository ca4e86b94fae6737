namespace Wrapper.FakeCli.Impersonations;

/// <summary>
/// Splits a text the way the recorded streams arrive: one chunk per word with its trailing
/// whitespace ("Hello ", "from ", "mock"), so the chunks concatenate to the exact text.
/// </summary>
internal static class WordChunks
{
    public static IReadOnlyList<string> Split(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            // A chunk ends where whitespace gives way to a word (or at the end of the text).
            var atEnd = i == text.Length;
            if (atEnd || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i]) && HasWord(text, start, i)))
            {
                chunks.Add(text[start..i]);
                start = i;
            }
        }
        return chunks;
    }

    private static bool HasWord(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
            if (!char.IsWhiteSpace(text[i])) return true;
        return false;
    }
}
