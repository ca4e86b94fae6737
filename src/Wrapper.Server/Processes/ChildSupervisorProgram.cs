using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// The supervisor's own program (<c>Wrapper.Server --supervise-children</c>): it reads
/// <c>+pid</c> / <c>-pid</c> lines (and one <c>=token</c>, the gateway's <see cref="TreeMarker"/>)
/// from the gateway on stdin and, when stdin reaches its end, kills every process group still
/// listed and every process marked with the gateway's token (descendants that left their group). The kernel closes the gateway's end of the pipe however the
/// gateway ends, SIGKILL included, so its CLI children never outlive it.
/// </summary>
internal static partial class ChildSupervisorProgram
{
    public const string Flag = "--supervise-children";
    private const int SigKill = 9;

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
            kill(-pid, SigKill);
            kill(pid, SigKill);
        }
        if (gatewayToken is not null) MarkedProcesses.KillGateway(gatewayToken);
        return 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
