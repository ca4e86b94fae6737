namespace Wrapper.Benchmarks.Reporting;

/// <summary>
/// The median and the 99th percentile (nearest rank) of repeated measurements. With fewer than 100
/// samples the p99 is the largest one: the worst run, which is what a p99 of so few runs can say.
/// </summary>
internal sealed record Spread(double Median, double P99, int Count)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new InvalidOperationException("No samples to summarise.");
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p99 = sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
        return new Spread(median, p99, sorted.Length);
    }

    /// <summary>A figure measured once (a count, a ratio of two spreads' medians): no spread to show.</summary>
    public static Spread Single(double value) => new(value, double.NaN, 1);

    /// <summary>Both columns of <paramref name="other"/> subtracted from this one's (overhead = gateway - direct).</summary>
    public Spread Minus(Spread other) => new(Median - other.Median, P99 - other.P99, Math.Min(Count, other.Count));

    /// <summary>Both columns divided by <paramref name="other"/>'s (ratio = gateway / direct).</summary>
    public Spread Over(Spread other) => new(Median / other.Median, P99 / other.P99, Math.Min(Count, other.Count));
}
