namespace Wrapper.Server.Processes;

/// <summary>
/// A started CLI with everything that lives exactly as long as it: its sandbox and the resources of
/// its invocation (a tool session). Ending it stops the process group and every process that carries
/// its <see cref="TreeMarker"/>, forgets it in the supervisor,
/// releases the resources and removes the sandbox, however it ended.
/// </summary>
internal sealed class CliProcess(
    RunningCommand command,
    string treeMarker,
    Sandbox sandbox,
    IReadOnlyList<IDisposable> resources,
    ChildSupervisor supervisor,
    SessionJanitor janitor,
    ILogger logger)
{
    private int _ended;

    public RunningCommand Command => command;
    public Sandbox Sandbox => sandbox;
    public int ProcessId => command.ProcessId;

    /// <summary>
    /// Waits up to <paramref name="naturalExit"/> for the CLI to exit by itself (it printed its result),
    /// then SIGTERM and, after <paramref name="gracePeriod"/>, SIGKILL to the group; then cleans up.
    /// </summary>
    public async Task EndAsync(TimeSpan naturalExit, TimeSpan gracePeriod)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        if (naturalExit > TimeSpan.Zero) await command.WaitForExitAsync(naturalExit);
        await command.StopAsync(gracePeriod);
        // What escaped the group (setsid, double fork) still carries the run's marker.
        if (MarkedProcesses.KillRun(treeMarker) is > 0 and var escaped)
            logger.LogInformation("Killed {Count} process(es) of CLI process {ProcessId} that had left its process group", escaped, command.ProcessId);
        await command.DisposeAsync();
        supervisor.Forget(command.ProcessId);
        foreach (var resource in resources) resource.Dispose();
        janitor.AfterRun(sandbox.WorkDirectory);
        if (sandbox.TryDelete()) logger.LogDebug("CLI process {ProcessId} ended and sandbox {Sandbox} removed", command.ProcessId, sandbox.Root);
        else logger.LogWarning("CLI process {ProcessId} ended but sandbox {Sandbox} could not be removed", command.ProcessId, sandbox.Root);
    }
}
