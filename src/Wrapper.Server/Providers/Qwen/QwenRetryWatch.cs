using System.Text;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Follows the debug log Qwen Code writes into the request's own home (<c>$QWEN_HOME/debug/&lt;session&gt;.txt</c>)
/// and fails the run at the first failed attempt it logs (the CLI writes that log only when
/// <c>QWEN_DEBUG_LOG_FILE</c> is set, as QwenProvider does): by then the SDK has retried UPSTREAM_MAX_RETRIES
/// times, and the CLI's own 7 attempts would take more than a minute (<see cref="QwenRetryLog"/>). A
/// poll a few times a second is enough for an error "within seconds" and costs nothing while the log is quiet.
/// </summary>
internal sealed class QwenRetryWatch : ICliFailureWatch
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _debugDirectory;
    private readonly CancellationTokenSource _failed = new();
    private readonly Dictionary<string, (long Offset, string PartialLine)> _files = [];
    private readonly Dictionary<string, QwenRetryLog> _logs = [];
    private readonly Lock _polling = new();
    private readonly ITimer _timer;
    private volatile GatewayError? _failure;
    private bool _disposed;

    public QwenRetryWatch(string debugDirectory, TimeProvider time)
    {
        _debugDirectory = debugDirectory;
        _timer = time.CreateTimer(_ => Poll(), null, PollInterval, PollInterval);
    }

    public CancellationToken Failed => _failed.Token;

    public GatewayError? Failure => _failure;

    public void Dispose()
    {
        _timer.Dispose();
        lock (_polling)
        {
            _disposed = true;
            _failed.Dispose();
        }
    }

    private void Poll()
    {
        // A tick that finds the previous one still reading (or the watch disposed) has nothing to add.
        if (!_polling.TryEnter()) return;
        try
        {
            if (_disposed || _failure is not null || !Directory.Exists(_debugDirectory)) return;
            foreach (var file in Directory.EnumerateFiles(_debugDirectory, "*.txt"))
            {
                if (!_logs.TryGetValue(file, out var log)) _logs[file] = log = new QwenRetryLog();
                foreach (var line in NewLines(file))
                    if (log.Read(line) is { } failure)
                    {
                        _failure = failure;
                        _failed.Cancel();
                        return;
                    }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The sandbox is being removed, or the CLI is mid-write: the next tick (if any) reads on.
        }
        finally
        {
            _polling.Exit();
        }
    }

    /// <summary>The complete lines appended to <paramref name="path"/> since the last poll.</summary>
    private List<string> NewLines(string path)
    {
        var (offset, partialLine) = _files.GetValueOrDefault(path, (0, ""));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = partialLine + reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        _files[path] = (stream.Position, text[(end + 1)..]);
        return end < 0 ? [] : [.. text[..end].Split('\n')];
    }
}
