using System.Globalization;

namespace Wrapper.Benchmarks.Reporting;

/// <summary>The one table: a heading per section, a row per figure with its p50, p99 and target.</summary>
internal static class TablePrinter
{
    private const int NameWidth = 44;

    public static void Print(TextWriter output, RunInfo run, IReadOnlyList<SectionResult> sections)
    {
        output.WriteLine();
        output.WriteLine(run.Quick
            ? "Wrapper benchmark: QUICK run (fewer samples, shorter hold, fewer requests; compare only with quick runs)"
            : "Wrapper benchmark: full run");
        output.WriteLine($"{run.Cores} cores, {run.Os}, {run.Runtime}, {run.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"{"",-NameWidth} {"unit",-7} {"p50",10} {"p99",10}  target");
        foreach (var section in sections)
        {
            output.WriteLine();
            output.WriteLine($"{section.Title} [{section.Name}]");
            foreach (var figure in section.Figures)
            {
                var target = figure.Target is { } t ? $"{t.Text}: {(t.Met ? "met" : "MISSED")}" : "";
                output.WriteLine($"  {figure.Name,-(NameWidth - 2)} {figure.Unit,-7} {Format(figure.Value.Median),10} {Format(figure.Value.P99),10}  {target}");
            }
        }
        output.WriteLine();
        output.WriteLine("p50 = median, p99 = 99th percentile (the worst run when there are fewer than 100) of the samples;");
        output.WriteLine("overhead rows: gateway minus direct for each pair of neighbouring runs; ratio rows: the p50s (and the p99s)");
        output.WriteLine("of the gateway and direct rows above them divided. Both sides are measured in the same run.");
    }

    private static string Format(double value) => double.IsNaN(value) ? "-"
        : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
        : value.ToString("F2", CultureInfo.InvariantCulture);
}
