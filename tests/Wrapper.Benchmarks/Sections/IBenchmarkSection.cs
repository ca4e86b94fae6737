using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;

namespace Wrapper.Benchmarks.Sections;

/// <summary>
/// One part of the benchmark: it starts what it needs (its own gateway, so that memory figures do
/// not carry another section's history), measures, and returns its rows. A new section is one class
/// implementing this, listed in <see cref="SectionCatalog"/>.
/// </summary>
internal interface IBenchmarkSection
{
    /// <summary>Short id: the JSON key and the value of <c>--only</c>.</summary>
    string Name { get; }

    /// <summary>The section's heading in the table.</summary>
    string Title { get; }

    Task<IReadOnlyList<Figure>> RunAsync(BenchmarkContext context);
}
