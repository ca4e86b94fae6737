using System.Runtime.InteropServices;

namespace Wrapper.Benchmarks.Reporting;

/// <summary>Where and how the figures were taken: they only compare with runs of the same kind on the same kind of machine.</summary>
internal sealed record RunInfo(DateTime StartedUtc, bool Quick, int Cores, string Os, string Runtime)
{
    public static RunInfo Now(bool quick) => new(
        DateTime.UtcNow, quick, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
}
