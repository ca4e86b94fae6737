using System.Globalization;

namespace Wrapper.Benchmarks.Running;

/// <summary>A process's resident memory and CPU time, read from /proc (Linux), so they are that process's alone.</summary>
internal static class ProcessMeter
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux build in use.
    private const double TicksPerSecond = 100;

    public static double RssMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kilobytes / 1024.0;
        }
        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start at state, field 3; utime and stime are 14 and 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Samples RSS <paramref name="count"/> times, <paramref name="interval"/> apart.</summary>
    public static async Task<List<double>> SampleRssAsync(int pid, int count, TimeSpan interval)
    {
        var samples = new List<double>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await Task.Delay(interval);
            samples.Add(RssMegabytes(pid));
        }
        return samples;
    }
}
