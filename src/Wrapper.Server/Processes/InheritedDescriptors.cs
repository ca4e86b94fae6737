using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// What .NET opens is close-on-exec, but a descriptor the gateway itself inherited without that flag
/// (a socket passed by systemd, a pipe of the program that started it) would pass on to every CLI:
/// a CLI could then hold the gateway's port or its parent's pipe open after the gateway is gone.
/// Before the first child starts, every descriptor above stderr is marked close-on-exec; the gateway
/// keeps using them, only its children no longer get them.
/// </summary>
internal static partial class InheritedDescriptors
{
    private const int GetFlags = 1; // F_GETFD
    private const int SetFlags = 2; // F_SETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    private static readonly Lazy<int> Marked = new(MarkAll);

    /// <summary>Marks them once per process; returns how many needed it.</summary>
    public static int EnsureMarked() => Marked.Value;

    internal static int MarkAll()
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists("/proc/self/fd")) return 0;
        var marked = 0;
        foreach (var path in Directory.GetFiles("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(path), out var descriptor) || descriptor <= 2) continue;
            var flags = fcntl(descriptor, GetFlags, 0);
            if (flags < 0 || (flags & CloseOnExec) != 0) continue; // closed meanwhile (the listing's own), or already marked
            if (fcntl(descriptor, SetFlags, flags | CloseOnExec) == 0) marked++;
        }
        return marked;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int descriptor, int command, int argument);
}
