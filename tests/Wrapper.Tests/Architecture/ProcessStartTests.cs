using System.Text.RegularExpressions;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Architecture;

/// <summary>
/// Every process the gateway starts goes through CliWrap (Processes/RunningCommand and the
/// supervisor's watcher), where the environment allow-list, the process group and the kill are
/// enforced: a hand-made start elsewhere would skip all three. Read from the source, so that neither
/// a <c>using</c> nor a fully qualified name slips through.
/// </summary>
public sealed partial class ProcessStartTests
{
    private static string Source => Path.Combine(NodePackages.RepositoryRoot, "src");

    [Test]
    public void No_file_in_src_starts_a_process_by_hand()
    {
        var offenders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (file, number: index + 1, text)))
            .Where(line => HandMadeStart().IsMatch(line.text))
            .Select(line => $"{Path.GetRelativePath(Source, line.file)}:{line.number}: {line.text.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "Start processes with Processes/Command (CliWrap), never with Process or ProcessStartInfo.");
    }

    [Test]
    public void The_check_sees_the_source_and_would_catch_each_way_of_starting()
    {
        Assert.That(Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories).Count(), Is.GreaterThan(100));
        Assert.That(HandMadeStart().IsMatch("var p = Process.Start(info);"), Is.True);
        Assert.That(HandMadeStart().IsMatch("System.Diagnostics.Process.Start(\"x\")"), Is.True);
        Assert.That(HandMadeStart().IsMatch("var info = new ProcessStartInfo(path);"), Is.True);
        Assert.That(HandMadeStart().IsMatch("using var p = new Process { StartInfo = info };"), Is.True);
        Assert.That(HandMadeStart().IsMatch("var p = new System.Diagnostics.Process();"), Is.True);
        Assert.That(HandMadeStart().IsMatch("Process.GetProcessById(pid)"), Is.False, "looking at a process is fine");
    }

    [GeneratedRegex(@"\bProcess\.Start\b|\bProcessStartInfo\b|\bnew\s+(System\.Diagnostics\.)?Process\s*[({]")]
    private static partial Regex HandMadeStart();
}
