using CliWrap;

namespace Wrapper.Server.Processes;

/// <summary>
/// Keeps a small watcher process (<see cref="ChildSupervisorProgram"/>, the gateway's own binary in
/// another mode) told of every CLI process group, so that the CLIs die with the gateway even when
/// it is killed outright and has no chance to stop them itself. A no-op where there are no process
/// groups (Windows).
/// </summary>
internal sealed class ChildSupervisor(ILogger<ChildSupervisor> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _gatewayToken = TreeMarker.NewGatewayToken();
    private long _runs;
    private OpenStandardInput? _watcher;

    /// <summary>A fresh <see cref="TreeMarker"/> value for one CLI run of this gateway.</summary>
    public string NewRunMarker() => $"{_gatewayToken}.{Interlocked.Increment(ref _runs)}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ProcessTree.UsesProcessGroups) return Task.CompletedTask;
        try
        {
            var (fileName, arguments) = SelfCommand();
            // In a session of its own, so that a Ctrl+C meant for the gateway does not end the watcher first.
            // It keeps the gateway's environment (CliWrap's default): it is the gateway's own binary and runtime.
            var (launcher, launcherArguments) = ProcessTree.InNewSession(new Command(fileName) { Arguments = arguments });
            InheritedDescriptors.EnsureMarked();
            var input = new OpenStandardInput();
            _ = Cli.Wrap(launcher).WithArguments(launcherArguments)
                .WithStandardInputPipe(input.Source)
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => logger.LogWarning("Child supervisor: {Line}", line)))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync();
            _watcher = input;
            Send($"={_gatewayToken}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            logger.LogWarning(e, "The child supervisor could not start; CLIs would outlive a killed gateway");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Watch(int processId) => Send($"+{processId}");

    public void Forget(int processId) => Send($"-{processId}");

    public void Dispose()
    {
        // Closing the pipe is the signal: the watcher kills what is left and exits. The container
        // may dispose twice (as the singleton and as the hosted service).
        lock (_gate)
        {
            if (_watcher is null) return;
            _watcher.Dispose();
            _watcher = null;
        }
    }

    private void Send(string line)
    {
        lock (_gate)
        {
            // False when the watcher is gone; the gateway still stops its CLIs itself.
            _watcher?.WriteLine(line);
        }
    }

    /// <summary>How to start this same program: the apphost directly, or the dotnet host with the assembly.</summary>
    private static (string FileName, IReadOnlyList<string> Arguments) SelfCommand()
    {
        var assembly = typeof(ChildSupervisor).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost)) return (apphost, [ChildSupervisorProgram.Flag]);
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return (host, [assembly, ChildSupervisorProgram.Flag]);
    }
}
