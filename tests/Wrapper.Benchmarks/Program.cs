using Wrapper.Benchmarks.Reporting;
using Wrapper.Benchmarks.Running;
using Wrapper.Benchmarks.Sections;
using Wrapper.TestSupport;

// The gateway's cost against the CLIs it runs, as one table of medians and p99s (README, Benchmark).
// Options: --quick (under a minute), --only name[,name] (sections by name), --json path.
var quick = args.Contains("--quick");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var sections = SectionCatalog.All.Where(section => only is null || only.Contains(section.Name)).ToList();
if (sections.Count == 0)
{
    Console.Error.WriteLine($"No such section. Sections: {string.Join(", ", SectionCatalog.All.Select(s => s.Name))}");
    return 2;
}

var run = RunInfo.Now(quick);
var jsonPath = Option("--json") ?? Path.Combine(NodePackages.RepositoryRoot, "tests", "Wrapper.Benchmarks", "results",
    $"{run.StartedUtc:yyyy-MM-dd-HHmm}{(quick ? "-quick" : "")}.json");
using var context = new BenchmarkContext(quick ? BenchmarkPlan.QuickRun : BenchmarkPlan.Full);
var results = new List<SectionResult>();
foreach (var section in sections)
{
    context.Log($"section {section.Name}");
    results.Add(new SectionResult(section.Name, section.Title, await section.RunAsync(context)));
}

TablePrinter.Print(Console.Out, run, results);
JsonReport.Write(jsonPath, run, results);
Console.WriteLine($"JSON: {jsonPath}");
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
