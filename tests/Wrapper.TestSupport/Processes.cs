namespace Wrapper.TestSupport;

public static class Processes
{
    /// <summary>True while a process with this id exists and is not a zombie awaiting its parent.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException) { return false; }
    }

    /// <summary>Live processes with an argument that contains <paramref name="text"/> (e.g. a sandbox path).</summary>
    public static IReadOnlyList<int> WithArgumentContaining(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0').Any(a => a.Contains(text, StringComparison.Ordinal)) && IsAlive(pid))
                    found.Add(pid);
            }
            catch (IOException) { /* it ended while we looked */ }
            catch (UnauthorizedAccessException) { /* not ours */ }
        }
        return found;
    }

    /// <summary>True when the process works under <paramref name="path"/> or names it in an argument.</summary>
    public static bool Involves(int pid, string path)
    {
        try
        {
            var directory = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new FileInfo(Path.Combine(directory, "cwd")).LinkTarget?.StartsWith(path, StringComparison.Ordinal) == true
                || File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(path, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone or not ours
        }
    }

    /// <summary>Kills the process and its descendants at once; nothing when it is gone already.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { /* gone already */ }
    }

    /// <summary>Polls until the condition holds or the timeout passes; returns the final value.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return condition();
    }

    /// <summary>The processes whose working directory lies under <paramref name="root"/> (a gateway's sandboxes).</summary>
    public static IReadOnlyList<int> WorkingUnder(string root)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (new FileInfo(Path.Combine(directory, "cwd")).LinkTarget is { } cwd && cwd.StartsWith(root, StringComparison.Ordinal) && IsAlive(pid))
                    pids.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* gone or not ours */ }
        }
        return pids;
    }
}
