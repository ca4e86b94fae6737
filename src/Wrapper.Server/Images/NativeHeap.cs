using System.Runtime.InteropServices;

namespace Wrapper.Server.Images;

/// <summary>
/// Makes the C heap give a decoded canvas back to the system once ImageSharp frees it. ImageSharp
/// decodes into unmanaged blocks of a few MB; glibc serves the first from mmap, but freeing it
/// raises glibc's mmap threshold (https://man7.org/linux/man-pages/man3/mallopt.3.html,
/// M_MMAP_THRESHOLD), so later blocks come from the heap and stay resident when freed: 4 requests
/// of 5 large GIFs left ~400 MB resident for good. A fixed threshold of 1 MiB keeps every such
/// block in its own mapping, unmapped when freed, and malloc_trim(3) returns the rest. Process-wide,
/// and harmless: only allocations of 1 MiB or more are affected. No-op off glibc.
/// </summary>
internal static class NativeHeap
{
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in glibc's malloc.h

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Once, before the first decode.</summary>
    public static void KeepLargeBlocksMapped() => Call(() => MallOpt(MmapThreshold, 1 << 20));

    /// <summary>After a conversion: returns free heap pages.</summary>
    public static void Trim() => Call(() => MallocTrim(0));

    private static void Call(Func<int> call)
    {
        if (_unavailable) return;
        try
        {
            _ = call();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // musl and other C libraries
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
