namespace Wrapper.Benchmarks.Sections;

/// <summary>Every section, in the order the table shows them.</summary>
internal static class SectionCatalog
{
    public static IReadOnlyList<IBenchmarkSection> All { get; } =
    [
        new OverheadSection(),
        new FirstTokenSection(),
        new ScaleSection(),
        new ThroughputSection(),
        new MemorySection(),
        new WarmSection(),
        new ParallelSection(),
        new AgentLoopSection(),
    ];
}
