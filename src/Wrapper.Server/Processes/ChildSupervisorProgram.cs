using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// The supervisor's own program (<c>Wrapper.Server --supervise-children</c>): it reads
/// <c>+pid</c> / <c>-pid</c> lines from the gateway on stdin and, when stdin reaches its end, kills
/// every process group still listed. The kernel closes the gateway's end of the pipe however the
/// gateway ends, SIGKILL included, so its CLI children never outlive it.
/// </summary>
internal static partial class ChildSupervisorProgram
{
    public const string Flag = "--supervise-children";
    private const int SigKill = 9;

    public static int Run(TextReader input)
    {
        var groups = new HashSet<int>();
        while (input.ReadLine() is { } line)
        {
            if (line.Length < 2 || !int.TryParse(line.AsSpan(1), out var pid) || pid <= 1) continue;
            if (line[0] == '+') groups.Add(pid);
            else if (line[0] == '-') groups.Remove(pid);
        }
        foreach (var pid in groups)
        {
            kill(-pid, SigKill);
            kill(pid, SigKill);
        }
        return 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
