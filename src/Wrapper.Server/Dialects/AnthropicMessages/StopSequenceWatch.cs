namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// <c>stop_sequences</c>, applied by the gateway (the CLIs take none): answer text passes through
/// until one of the sequences appears, and the answer ends before it. Text that could be the start
/// of a sequence is held back until the next piece shows whether it is.
/// </summary>
internal sealed class StopSequenceWatch(IReadOnlyList<string> sequences)
{
    private string _pending = "";

    /// <summary>The sequence that ended the answer, once one appeared.</summary>
    public string? Matched { get; private set; }

    /// <summary>The text that can be sent now; after a match, the text before it, and nothing ever after.</summary>
    public string Push(string text)
    {
        if (Matched is not null) return "";
        if (sequences.Count == 0) return text;
        var all = _pending + text;
        var (at, which) = sequences.Select(s => (At: all.IndexOf(s, StringComparison.Ordinal), Sequence: s))
            .Where(m => m.At >= 0).OrderBy(m => m.At).FirstOrDefault();
        if (which is not null)
        {
            Matched = which;
            _pending = "";
            return all[..at];
        }
        var keep = sequences.Max(s => LongestPrefixAtEnd(all, s));
        _pending = all[^keep..];
        return all[..^keep];
    }

    /// <summary>The held-back text, when the answer's text ends (or a tool call interrupts it) without a match.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = "";
        return rest;
    }

    private static int LongestPrefixAtEnd(string text, string sequence)
    {
        for (var length = Math.Min(sequence.Length - 1, text.Length); length > 0; length--)
            if (text.EndsWith(sequence[..length], StringComparison.Ordinal)) return length;
        return 0;
    }
}
