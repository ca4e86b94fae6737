namespace Wrapper.Benchmarks.Reporting;

/// <summary>A section's figures, under the section's name.</summary>
internal sealed record SectionResult(string Name, string Title, IReadOnlyList<Figure> Figures);
