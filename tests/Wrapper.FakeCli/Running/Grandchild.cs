using System.Diagnostics;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// FAKE:spawn-child: a long sleeper that, like a CLI's Node or native helper, inherits our stdout
/// and stderr. Killing only the fake therefore leaves the pipe open; the gateway must kill the tree.
/// </summary>
internal static class Grandchild
{
    public static int Start()
    {
        var sleep = File.Exists("/bin/sleep") ? "/bin/sleep" : "sleep";
        using var process = Process.Start(new ProcessStartInfo(sleep, ["600"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start the grandchild");
        return process.Id;
    }

    /// <summary>
    /// FAKE:spawn-escaping-child: a sleeper that calls setsid(2) (through setsid(1), which then execs
    /// sleep under the same pid), as a daemonising helper would: it is in neither our session nor our
    /// process group, so signalling the group misses it. Its stdio are pipes of its own, which it
    /// never uses, so nothing of ours stays open because of it.
    /// </summary>
    public static int StartEscaping()
    {
        var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "setsid";
        var sleep = File.Exists("/bin/sleep") ? "/bin/sleep" : "sleep";
        var startInfo = new ProcessStartInfo(setsid, [sleep, "600"])
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the grandchild");
        // Wait until setsid(2) has happened, so that a test sees the escaped process, not the moment before.
        for (var i = 0; i < 100 && SessionOf(process.Id) != process.Id; i++) Thread.Sleep(10);
        return process.Id;
    }

    private static int? SessionOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture); // state ppid pgrp session
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return null; }
    }
}
