namespace Wrapper.Benchmarks.Running;

/// <summary>The last lines of a process's output, drained so that its pipes never fill, kept for error messages.</summary>
internal sealed class LineTail
{
    private const int Kept = 40;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return string.Join('\n', _lines);
    }
}
