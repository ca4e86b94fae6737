namespace Wrapper.Benchmarks.Reporting;

/// <summary>One row of the table: a measured value, and the target it is held against, if any.</summary>
internal sealed record Figure(string Name, string Unit, Spread Value, Target? Target = null);
