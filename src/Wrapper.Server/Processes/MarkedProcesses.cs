using System.Text;

namespace Wrapper.Server.Processes;

/// <summary>
/// Finds and kills, through <c>/proc</c>, every process whose environment carries a
/// <see cref="TreeMarker"/> value: what a CLI started that escaped its process group (setsid,
/// double fork). A no-op where there is no <c>/proc</c>. Only the gateway's own user's processes
/// can be read, which are the only ones a CLI it started can have made.
/// </summary>
internal static class MarkedProcesses
{

    // A descendant may fork while it is being killed; a few rounds catch the newborn too.
    private const int Rounds = 4;

    public static bool Supported { get; } = !OperatingSystem.IsWindows() && File.Exists("/proc/self/environ");

    /// <summary>Kills every process marked exactly <paramref name="value"/>; returns how many it killed.</summary>
    public static int KillRun(string value) => Kill(Encoding.UTF8.GetBytes($"{TreeMarker.Name}={value}"), exact: true);

    /// <summary>Kills every process marked with any run of the gateway with <paramref name="gatewayToken"/>.</summary>
    public static int KillGateway(string gatewayToken) =>
        Kill(Encoding.UTF8.GetBytes($"{TreeMarker.Name}={TreeMarker.GatewayPrefix(gatewayToken)}"), exact: false);

    private static int Kill(byte[] needle, bool exact)
    {
        if (!Supported) return 0;
        var killed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var found = Find(needle, exact).ToList();
            if (found.Count == 0) break;
            foreach (var pid in found)
                if (ProcessTree.SendKill(pid)) killed++;
        }
        return killed;
    }

    private static IEnumerable<int> Find(byte[] needle, bool exact)
    {
        var self = Environment.ProcessId;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == self || pid <= 1) continue;
            if (Carries(Path.Combine(folder, "environ"), needle, exact)) yield return pid;
        }
    }

    /// <summary>True when one of the NUL-separated entries of the environ file is (or starts with) the needle.</summary>
    private static bool Carries(string environFile, byte[] needle, bool exact)
    {
        byte[] environment;
        try { environment = File.ReadAllBytes(environFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; } // gone, or not ours
        var span = environment.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)0);
            var entry = end < 0 ? span : span[..end];
            if (exact ? entry.SequenceEqual(needle) : entry.StartsWith(needle)) return true;
            if (end < 0) return false;
            span = span[(end + 1)..];
        }
        return false;
    }
}
