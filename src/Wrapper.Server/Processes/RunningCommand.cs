using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Wrapper.Server.Processes;

/// <summary>
/// A started process: its output as a bounded, pull-based stream of <see cref="CommandEvent"/>s, and a
/// stop that is graceful first (SIGTERM to the group) and forceful after a grace period (SIGKILL to
/// the group and the tree). Disposing always leaves no process of the group alive.
/// </summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    // Bounded so that a CLI faster than its client waits for the client instead of filling memory.
    private const int EventBuffer = 256;

    private readonly Process _process;
    private readonly Channel<CommandEvent> _events =
        Channel.CreateBounded<CommandEvent>(new BoundedChannelOptions(EventBuffer) { SingleReader = true });
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _pump;
    private int _stopped;

    private readonly SemaphoreSlim _stdinGate = new(1, 1);
    private bool _stdinClosed;

    private RunningCommand(Process process, string? standardInput)
    {
        _process = process;
        ProcessId = process.Id;
        _pump = PumpAsync(standardInput);
    }

    public int ProcessId { get; }

    public static RunningCommand Start(Command command)
    {
        // Through setsid a missing target would only show as exit code 127 later: refuse it now.
        if (!File.Exists(command.TargetFilePath))
            throw new CommandStartException(command.TargetFilePath, new FileNotFoundException("No such file.", command.TargetFilePath));
        var (fileName, arguments) = ProcessTree.InNewSession(command);
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment.Clear();
        foreach (var (name, value) in command.Environment) startInfo.Environment[name] = value;

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            process.Dispose();
            throw new CommandStartException(command.TargetFilePath, e);
        }
        return new RunningCommand(process, command.KeepsStandardInputOpen ? null : command.StandardInput);
    }

    /// <summary>The events in order; the last one is <see cref="ExitedCommandEvent"/>.</summary>
    public IAsyncEnumerable<CommandEvent> ReadEventsAsync(CancellationToken cancellationToken) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Writes to a stdin kept open (<see cref="Command.WithStandardInputOpen"/>), then closes it when
    /// <paramref name="close"/>. False when the child is gone or stdin is already closed.
    /// </summary>
    public async Task<bool> WriteInputAsync(string text, bool close, CancellationToken cancellationToken)
    {
        await _stdinGate.WaitAsync(cancellationToken);
        try
        {
            if (_stdinClosed) return false;
            var writer = _process.StandardInput;
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            if (close) CloseInput();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            CloseInput();
            return false; // the child exited: its exit event tells the story
        }
        finally
        {
            _stdinGate.Release();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit on its own.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to the group, then after <paramref name="gracePeriod"/> SIGKILL to everything left.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (!_process.HasExited && gracePeriod > TimeSpan.Zero)
        {
            ProcessTree.RequestStop(_process, ProcessId);
            await WaitForExitAsync(gracePeriod); // if it did not stop in time, it is killed below
        }
        // Also after a clean exit: descendants may linger in the group.
        ProcessTree.Kill(_process, ProcessId);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        _disposing.Cancel();
        try { await _pump; }
        catch (OperationCanceledException) { /* the reader left early */ }
        _process.Dispose();
        _disposing.Dispose();
        _stdinGate.Dispose();
    }

    private async Task PumpAsync(string? standardInput)
    {
        var token = _disposing.Token;
        var stdin = standardInput is null ? Task.CompletedTask : WriteStandardInputAsync(standardInput);
        var stdout = PumpLinesAsync(_process.StandardOutput, line => new StandardOutputCommandEvent(line), token);
        var stderr = PumpLinesAsync(_process.StandardError, line => new StandardErrorCommandEvent(line), token);
        try
        {
            await Task.WhenAll(stdout, stderr);
            await _process.WaitForExitAsync(token);
            await stdin;
            await _events.Writer.WriteAsync(new ExitedCommandEvent(_process.ExitCode), token);
            _events.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _events.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task PumpLinesAsync(StreamReader reader, Func<string, CommandEvent> toEvent, CancellationToken token)
    {
        while (await reader.ReadLineAsync(token) is { } line)
            await _events.Writer.WriteAsync(toEvent(line), token);
    }

    /// <summary>Writes the whole prompt, then closes stdin: Claude Code 2.1.50+ and Codex wait for EOF.</summary>
    private async Task WriteStandardInputAsync(string text)
    {
        try
        {
            var writer = _process.StandardInput;
            await writer.WriteAsync(text.AsMemory(), _disposing.Token);
            await writer.FlushAsync(_disposing.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The child exited (or was stopped) before reading everything: its exit code tells the story.
        }
        finally
        {
            CloseInput();
        }
    }

    private void CloseInput()
    {
        _stdinClosed = true;
        try { _process.StandardInput.Close(); }
        catch (IOException) { /* broken pipe: already closed by the child */ }
    }
}
