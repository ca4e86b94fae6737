using System.Text;

namespace Wrapper.Server.Core;

/// <summary>The last few KB of a CLI's stderr, for error messages: bounded however much it writes.</summary>
internal sealed class OutputTail(int capacity = 2048)
{
    private readonly StringBuilder _text = new();

    public void Append(string line)
    {
        _text.Append(line).Append('\n');
        if (_text.Length > capacity) _text.Remove(0, _text.Length - capacity);
    }

    public override string ToString() => _text.ToString();
}
