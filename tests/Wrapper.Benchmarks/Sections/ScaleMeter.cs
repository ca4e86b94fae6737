using System.Diagnostics;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// The gateway's RSS every second while the streams run, and its CPU per second in the seconds when
/// every CLI was up and none had answered yet: the cost of merely holding streams open.
/// </summary>
internal sealed class ScaleMeter(GatewayProcess gateway, Stopwatch clock)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    public List<double> Rss { get; } = [];
    public List<double> WaitingCpu { get; } = [];

    /// <summary>When every CLI had started (on the section's clock), or null if that never happened.</summary>
    public TimeSpan? AllUp { get; private set; }

    public async Task RunAsync(Task running, Func<bool> allStarted, Func<bool> anyFinished)
    {
        var lastCpu = gateway.CpuTime;
        var lastTime = clock.Elapsed;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(SampleInterval));
            if (running.IsCompleted) break;
            Rss.Add(gateway.RssMegabytes);
            var cpu = gateway.CpuTime;
            var now = clock.Elapsed;
            if (AllUp is { } up && lastTime >= up && !anyFinished())
                WaitingCpu.Add(100 * (cpu - lastCpu).TotalSeconds / (now - lastTime).TotalSeconds);
            if (AllUp is null && allStarted()) AllUp = now;
            (lastCpu, lastTime) = (cpu, now);
        }
    }
}
