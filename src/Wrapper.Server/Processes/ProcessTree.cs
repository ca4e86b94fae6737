using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// Starts each child as the leader of a new session (and so of a new process group) and signals the
/// whole group. Killing only the top process is not enough: Codex's Node wrapper leaves its native
/// binary behind holding stdout open, and Gemini and Qwen re-launch into a child node process
/// (docs/cli/REPORT.md §9.2). On systems without <c>setsid</c> <see cref="RunningCommand"/> falls back to
/// CliWrap's cancellations (SIGINT or Ctrl+C, then .NET's process-tree kill).
/// </summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private static readonly string? SetsidPath = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True when children become group leaders, so that signals reach their descendants.</summary>
    public static bool UsesProcessGroups => SetsidPath is not null;

    /// <summary>
    /// The file and arguments that start <paramref name="command"/> in a new session. <c>setsid</c>
    /// calls setsid(2) and then execs the target, so the process id stays the target's own.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Arguments) InNewSession(Command command) =>
        SetsidPath is null
            ? (command.TargetFilePath, command.Arguments)
            : NicePath is null || !command.LowerPriority
                ? (SetsidPath, [command.TargetFilePath, .. command.Arguments])
                : (NicePath, ["-n", Niceness, SetsidPath, command.TargetFilePath, .. command.Arguments]);

    /// <summary>
    /// CLIs run a little below the gateway's priority: dozens starting at once (Node start-up is
    /// CPU-bound) otherwise take the gateway's share of the CPU, and every stream's first byte waits
    /// until the last CLI is up. nice(1) execs the rest, so the process id stays the CLI's.
    /// </summary>
    private const string Niceness = "10";

    private static readonly string? NicePath = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/nice", "/bin/nice" }.FirstOrDefault(File.Exists);

    /// <summary>SIGTERM to the group led by <paramref name="processId"/>: the polite request to stop.</summary>
    public static void Terminate(int processId) => Signal(processId, SigTerm);

    /// <summary>SIGKILL to the group led by <paramref name="processId"/>.</summary>
    public static void Kill(int processId) => Signal(processId, SigKill);

    /// <summary>SIGKILL to one process, or to a group when <paramref name="pid"/> is negative; true when it was sent.</summary>
    public static bool SendKill(int pid) => kill(pid, SigKill) == 0;

    private static void Signal(int processId, int signal)
    {
        // A negative pid addresses the whole group. The group id cannot be reused while any
        // member is alive, so signalling it after the leader exited is safe.
        if (UsesProcessGroups) kill(-processId, signal);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
