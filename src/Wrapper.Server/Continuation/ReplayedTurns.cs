namespace Wrapper.Server.Continuation;

/// <summary>
/// The conversations (<see cref="ConversationDigest"/>, under their client's key) whose last tool result
/// a resumed CLI fetched itself (Claude Code's deferred tool), so that the next reconstruction of the
/// same loop writes that turn as the CLI sent it: Claude Code adds its resume prompt after such a
/// result (docs/cli/RESUME-CLAUDE.md). Only this instance's, and only the latest
/// <see cref="Capacity"/>: a turn it forgot costs one cache miss upstream, never a wrong answer.
/// </summary>
internal sealed class ReplayedTurns
{
    public const int Capacity = 1024;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _digests = [];
    private readonly Queue<string> _order = new();

    public void Remember(string digest)
    {
        lock (_lock)
        {
            if (!_digests.Add(digest)) return;
            _order.Enqueue(digest);
            if (_order.Count > Capacity) _digests.Remove(_order.Dequeue());
        }
    }

    public bool Contains(string digest)
    {
        lock (_lock) return _digests.Contains(digest);
    }
}
