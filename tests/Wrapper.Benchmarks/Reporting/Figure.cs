namespace Wrapper.Benchmarks.Reporting;

/// <summary>One row of the table: a measured value, and the target it is held against, if any.</summary>
internal sealed record Figure(string Name, string Unit, Spread Value, Target? Target = null);

/// <summary>What issue 9 asks of a figure, and whether this run met it.</summary>
internal sealed record Target(string Text, bool Met)
{
    /// <summary>Met when the median is at most <paramref name="limit"/>.</summary>
    public static Target AtMost(Spread value, double limit, string text) => new(text, value.Median <= limit);
}

/// <summary>A section's figures, under the section's name.</summary>
internal sealed record SectionResult(string Name, string Title, IReadOnlyList<Figure> Figures);
