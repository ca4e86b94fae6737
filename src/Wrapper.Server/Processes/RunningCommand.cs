using System.ComponentModel;
using System.Text;
using System.Threading.Channels;
using CliWrap;

namespace Wrapper.Server.Processes;

/// <summary>
/// A process run by CliWrap: its output as a bounded, pull-based stream of <see cref="CommandEvent"/>s,
/// and a stop that is graceful first (SIGTERM to the group) and forceful after a grace period (SIGKILL
/// to the group, then CliWrap's forceful cancellation, which kills the tree .NET can see and stops the
/// reading). Disposing always leaves no process of the group alive.
/// </summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    // Bounded: CliWrap reads the next line only once this one found room, so a CLI faster than its
    // client blocks on its full pipe instead of filling the gateway's memory.
    private const int EventBuffer = 256;

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly Channel<CommandEvent> _events =
        Channel.CreateBounded<CommandEvent>(new BoundedChannelOptions(EventBuffer) { SingleReader = true });

    // CliWrap's two cancellations: forceful kills and stops reading; graceful is the polite request
    // where there are no process groups (CliWrap sends SIGINT to the process alone, not to a group).
    private readonly CancellationTokenSource _kill = new();
    private readonly CancellationTokenSource _interrupt = new();
    private readonly OpenStandardInput? _input;
    private readonly Task _pump;
    private Task _exited = Task.CompletedTask;
    private int _stopped;

    private RunningCommand(Command command)
    {
        _input = command.KeepsStandardInputOpen ? new OpenStandardInput() : null;
        var (fileName, arguments) = ProcessTree.InNewSession(command);
        var execution = Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithWorkingDirectory(command.WorkingDirectory)
            .WithStandardInputPipe(_input?.Source ?? PipeSource.FromString(command.StandardInput, Utf8))
            .WithStandardOutputPipe(PipeTarget.ToDelegate((line, token) => Publish(new StandardOutputCommandEvent(line), token), Utf8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate((line, token) => Publish(new StandardErrorCommandEvent(line), token), Utf8))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(
                // CliWrap adds its variables to a copy of the gateway's environment: the child gets only ours.
                startInfo =>
                {
                    startInfo.Environment.Clear();
                    foreach (var (name, value) in command.Environment) startInfo.Environment[name] = value;
                },
                // The process itself exits before its output is drained (a descendant may hold the pipe).
                process => _exited = process.WaitForExitAsync(),
                _kill.Token,
                _interrupt.Token);
        ProcessId = execution.ProcessId;
        _pump = PumpAsync(execution);
    }

    public int ProcessId { get; }

    public static RunningCommand Start(Command command)
    {
        // Through setsid a missing target would only show as exit code 127 later: refuse it now.
        if (!File.Exists(command.TargetFilePath))
            throw new CommandStartException(command.TargetFilePath, new FileNotFoundException("No such file.", command.TargetFilePath));
        InheritedDescriptors.EnsureMarked();
        try
        {
            return new RunningCommand(command);
        }
        catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException)
        {
            throw new CommandStartException(command.TargetFilePath, e);
        }
    }

    /// <summary>The events in order; the last one is <see cref="ExitedCommandEvent"/>.</summary>
    public IAsyncEnumerable<CommandEvent> ReadEventsAsync(CancellationToken cancellationToken) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Writes to a stdin kept open (<see cref="Command.WithStandardInputOpen"/>), then closes it when
    /// <paramref name="close"/>. False when the child is gone or stdin is already closed.
    /// </summary>
    public Task<bool> WriteInputAsync(string text, bool close, CancellationToken cancellationToken) =>
        _input?.WriteAsync(text, close, cancellationToken) ?? Task.FromResult(false);

    public bool HasExited => _exited.IsCompleted;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit on its own.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM to the group, then after <paramref name="gracePeriod"/> SIGKILL to everything left.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (!HasExited && gracePeriod > TimeSpan.Zero)
        {
            if (ProcessTree.UsesProcessGroups) ProcessTree.Terminate(ProcessId);
            else await _interrupt.CancelAsync();
            await WaitForExitAsync(gracePeriod); // if it did not stop in time, it is killed below
        }
        // Also after a clean exit: descendants may linger in the group.
        ProcessTree.Kill(ProcessId);
        await _kill.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        await _pump;
        _input?.Dispose();
        _kill.Dispose();
        _interrupt.Dispose();
    }

    private Task Publish(CommandEvent commandEvent, CancellationToken cancellationToken) =>
        _events.Writer.WriteAsync(commandEvent, cancellationToken).AsTask();

    /// <summary>Ends the events with the exit code once CliWrap has drained both outputs, or with what stopped it.</summary>
    private async Task PumpAsync(CommandTask<CommandResult> execution)
    {
        try
        {
            var result = await execution;
            await Publish(new ExitedCommandEvent(result.ExitCode), _kill.Token);
            _events.Writer.TryComplete();
        }
        catch (Exception e)
        {
            // Forceful cancellation (the process was killed) or a kill that did not take: readers see it.
            _events.Writer.TryComplete(e);
        }
    }
}
