namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// The markers a <c>-progress</c> stream shows while the CLI works: ⏳ at once, then ◐ ◓ ◑ ◒ in turn,
/// each with one more dot (·), on an exponential back-off (interval, 2×, 4×, ... capped at 60 s) so
/// that a long wait does not fill the client's screen. Once the answer begins, none are sent.
/// </summary>
internal sealed class ProgressMarkers(TimeSpan interval)
{
    public const string First = "⏳";

    /// <summary>Put between the last marker and the answer, so that the answer starts on its own line.</summary>
    public const string AnswerSeparator = "\n\n";

    private static readonly string[] Spinner = ["◐", "◓", "◑", "◒"];
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);
    private const int MaxDots = 12;

    private int _sent;

    /// <summary>How long to wait before the next marker.</summary>
    public TimeSpan NextDelay { get; private set; } = interval;

    public string Next()
    {
        _sent++;
        NextDelay = NextDelay * 2 < MaxInterval ? NextDelay * 2 : MaxInterval;
        return " " + Spinner[(_sent - 1) % Spinner.Length] + new string('·', Math.Min(_sent, MaxDots));
    }
}
