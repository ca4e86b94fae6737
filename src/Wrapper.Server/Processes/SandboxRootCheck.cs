using System.Runtime.InteropServices;

namespace Wrapper.Server.Processes;

/// <summary>
/// The sandbox root must be the gateway user's own and no folder above it may be open to other
/// users without the sticky bit: otherwise another local user could replace the root, or plant
/// files the CLIs look for in parent folders (memory files such as CLAUDE.md, GEMINI.md). Under the
/// default root in /tmp (sticky, 1777) the root itself is created owner-only.
/// </summary>
internal static class SandboxRootCheck
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH
    private const int Sticky = 0x200;           // S_ISVTX

    /// <summary>Why <paramref name="root"/> (which must exist) is unsafe, or null when it is fine or cannot be checked.</summary>
    public static string? Problem(string root)
    {
        if (OperatingSystem.IsWindows()) return null;
        var user = geteuid();
        if (Stat(root) is not { } own) return null;
        if (own.Uid != user) return $"the sandbox root '{root}' belongs to another user (uid {own.Uid})";
        if ((own.Mode & GroupOrOtherWrite) != 0) return $"the sandbox root '{root}' is writable by other users";
        for (var parent = Path.GetDirectoryName(root); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (Stat(parent) is not { } stat) continue;
            if (stat.Uid != user && stat.Uid != 0) return $"'{parent}', above the sandbox root, belongs to another user (uid {stat.Uid})";
            if ((stat.Mode & GroupOrOtherWrite) != 0 && (stat.Mode & Sticky) == 0)
                return $"'{parent}', above the sandbox root, is writable by other users without the sticky bit";
        }
        return null;
    }

    private static (uint Uid, int Mode)? Stat(string path)
    {
        // struct statx is the same on every Linux architecture: stx_uid at 20, stx_mode (16 bits) at 28.
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException) { return null; } // not Linux (macOS): not checked
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt16(buffer, 28));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc")]
    private static extern uint geteuid();
}
