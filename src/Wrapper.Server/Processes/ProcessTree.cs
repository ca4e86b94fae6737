using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// Starts each child as the leader of a new session (and so of a new process group) and signals the
/// whole group. Killing only the top process is not enough: Codex's Node wrapper leaves its native
/// binary behind holding stdout open, and Gemini and Qwen re-launch into a child node process
/// (docs/cli/REPORT.md §9.2). On systems without <c>setsid</c> it falls back to .NET's process-tree kill.
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

    /// <summary>Asks the process (and its group) to stop; there is no polite signal on Windows.</summary>
    public static void RequestStop(Process process, int processId)
    {
        if (OperatingSystem.IsWindows()) Kill(process, processId);
        else Signal(processId, SigTerm);
    }

    /// <summary>Kills the process group and every descendant .NET can still see.</summary>
    public static void Kill(Process process, int processId)
    {
        if (!OperatingSystem.IsWindows()) Signal(processId, SigKill);
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* already gone */ }
        catch (System.ComponentModel.Win32Exception) { /* raced with its exit */ }
    }

    /// <summary>True while any process of the group led by <paramref name="processId"/> is alive.</summary>
    public static bool GroupIsAlive(int processId) =>
        UsesProcessGroups && kill(-processId, 0) == 0;

    private static void Signal(int processId, int signal)
    {
        // A negative pid addresses the whole group. The group id cannot be reused while any
        // member is alive, so signalling it after the leader exited is safe.
        if (UsesProcessGroups) kill(-processId, signal);
        else kill(processId, signal);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
