namespace Wrapper.Server.Processes;

/// <summary>
/// The supervisor's own program (<c>Wrapper.Server --supervise-children</c>): it reads
/// <c>+pid</c> / <c>-pid</c> lines (and one <c>=token</c>, the gateway's <see cref="TreeMarker"/>)
/// from the gateway on stdin and, when stdin reaches its end, kills every process group still
/// listed and every process marked with the gateway's token (descendants that left their group). The kernel closes the gateway's end of the pipe however the
/// gateway ends, SIGKILL included, so its CLI children never outlive it.
/// </summary>
internal static class ChildSupervisorProgram
{
    public const string Flag = "--supervise-children";

    public static int Run(TextReader input)
    {
        var groups = new HashSet<int>();
        string? gatewayToken = null;
        while (input.ReadLine() is { } line)
        {
            if (line.StartsWith('=') && line.Length > 1) { gatewayToken = line[1..]; continue; }
            if (line.Length < 2 || !int.TryParse(line.AsSpan(1), out var pid) || pid <= 1) continue;
            if (line[0] == '+') groups.Add(pid);
            else if (line[0] == '-') groups.Remove(pid);
        }
        foreach (var pid in groups)
        {
            ProcessTree.SendKill(-pid);
            ProcessTree.SendKill(pid);
        }
        if (gatewayToken is not null) MarkedProcesses.KillGateway(gatewayToken);
        return 0;
    }
}
