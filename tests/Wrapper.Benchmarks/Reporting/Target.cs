namespace Wrapper.Benchmarks.Reporting;

/// <summary>What the benchmark asks of a figure, and whether this run met it.</summary>
internal sealed record Target(string Text, bool Met)
{
    /// <summary>Met when the median is at most <paramref name="limit"/>.</summary>
    public static Target AtMost(Spread value, double limit, string text) => new(text, value.Median <= limit);
}
