using Wrapper.TestSupport;

namespace Wrapper.Benchmarks.Running;

/// <summary>What every section needs: the plan, the built binaries, and a progress line on stderr.</summary>
internal sealed class BenchmarkContext(BenchmarkPlan plan) : IDisposable
{
    /// <summary>A prompt the fake CLI answers at once with a short reply.</summary>
    public const string InstantPrompt = "FAKE:reply The quick brown fox jumps over the lazy dog";

    private readonly string _scratch = Directory.CreateTempSubdirectory("wrapper-bench-direct-").FullName;

    public BenchmarkPlan Plan { get; } = plan;

    /// <summary>The tests' fake CLI (tests/Wrapper.FakeCli), built beside this benchmark in the same configuration.</summary>
    public string FakeCliPath { get; } = BuiltOutput("tests", "Wrapper.FakeCli", "Wrapper.FakeCli");

    /// <summary>The gateway itself, run as its own process so that its RSS and CPU are its own.</summary>
    public string ServerAssemblyPath { get; } = BuiltOutput("src", "Wrapper.Server", "Wrapper.Server.dll");

    /// <summary>The fake CLI started directly, as the gateway starts it (same arguments; a system prompt file of the same kind).</summary>
    public DirectCli DirectFakeCli() => new(FakeCliPath, ClaudeArguments.For(SystemPromptFile()));

    /// <summary>A file like the one the gateway writes for --system-prompt-file.</summary>
    public string SystemPromptFile()
    {
        var path = Path.Combine(_scratch, "system-prompt.md");
        if (!File.Exists(path)) File.WriteAllText(path, "You are a helpful assistant.");
        return path;
    }

    public string ScratchDirectory(string name) => Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    // bin/<Configuration>/<framework>/ of this benchmark names the same folders of the other projects.
    private static string BuiltOutput(string area, string project, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var path = Path.Combine(NodePackages.RepositoryRoot, area, project, "bin", configuration.Name, framework.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built: build the benchmark project first.", path);
    }
}
