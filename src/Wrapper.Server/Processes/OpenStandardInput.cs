using System.Text;
using CliWrap;

namespace Wrapper.Server.Processes;

/// <summary>
/// A child's stdin as a CliWrap <see cref="PipeSource"/> that stays open until <see cref="Close"/>.
/// CliWrap closes stdin as soon as its source returns; a warm or held CLI (stream-json input) and the
/// supervisor's watcher get their input later, a piece at a time, so this source hands the pipe over
/// and returns only when closed, or when CliWrap cancels it because the process exited.
/// </summary>
internal sealed class OpenStandardInput : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly TaskCompletionSource<Stream> _pipe = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public PipeSource Source => PipeSource.Create(async (stdin, cancellationToken) =>
    {
        _pipe.TrySetResult(stdin);
        await _closed.Task.WaitAsync(cancellationToken);
    });

    /// <summary>Writes <paramref name="text"/>, then closes stdin when <paramref name="close"/>. False when the child is gone or stdin is closed.</summary>
    public async Task<bool> WriteAsync(string text, bool close, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closed.Task.IsCompleted) return false;
            var stdin = await _pipe.Task.WaitAsync(cancellationToken);
            await stdin.WriteAsync(Utf8.GetBytes(text), cancellationToken);
            await stdin.FlushAsync(cancellationToken);
            if (close) Close();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Close();
            return false; // the child exited: its exit event tells the story
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes a line on the caller's thread: the supervisor's few bytes, sent from a spawn thread that
    /// must not wait for the thread pool (<see cref="SpawnThreads"/>). False when the child is gone.
    /// </summary>
    public bool WriteLine(string line)
    {
        _gate.Wait();
        try
        {
            if (_closed.Task.IsCompleted || !_pipe.Task.IsCompletedSuccessfully) return false;
            _pipe.Task.Result.Write(Utf8.GetBytes(line + "\n"));
            _pipe.Task.Result.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Close();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the child's input: CliWrap closes the pipe once the source returns.</summary>
    public void Close() => _closed.TrySetResult();

    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }
}
