using System.Diagnostics;

namespace Wrapper.TestSupport;

/// <summary>
/// The repository's npm packages: the real CLIs and the npm OpenAI client, pinned in package.json and
/// package-lock.json. Installed with <c>npm install</c> on first use, so that <c>dotnet test
/// Wrapper.sln</c> is all a fresh machine needs. Not <c>npm ci</c>: Qwen Code's platform-specific
/// optional packages cannot all be locked, and npm ci refuses such a lock file
/// ("Missing: @teddyzhu/clipboard-darwin-arm64").
/// </summary>
public static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Where the CLIs come from: the repository's node_modules, or the folder WRAPPER_TEST_NODE_MODULES
    /// names (a node_modules of other releases: scripts/check-latest-clis runs the suite against the newest).
    /// </summary>
    public static string NodeModules { get; } =
        Environment.GetEnvironmentVariable("WRAPPER_TEST_NODE_MODULES") is { Length: > 0 } other ? Path.GetFullPath(other) : Path.Combine(RepositoryRoot, "node_modules");

    private static bool UsesOtherNodeModules => NodeModules != Path.Combine(RepositoryRoot, "node_modules");

    public static string ClaudePath => Bin("claude");

    public static string Bin(string name) => Path.Combine(NodeModules, ".bin", name);

    /// <summary>Runs <c>npm install</c> unless every package is already there.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // Other releases are installed by whoever named them; the pinned ones when a CLI's version is not package.json's.
            if (UsesOtherNodeModules || (File.Exists(ClaudePath) && Directory.Exists(Path.Combine(NodeModules, "openai")) && PinnedVersionsInstalled())) return;
            var startInfo = new ProcessStartInfo("npm") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "install", "--no-audit", "--no-fund" }) startInfo.ArgumentList.Add(argument);
            using var npm = Process.Start(startInfo)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(InstallTimeout);
            await npm.WaitForExitAsync(timeout.Token);
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm install failed:\n{await output}\n{await errors}");
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>True when every dependency in package.json is installed at exactly its pinned version.</summary>
    private static bool PinnedVersionsInstalled()
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "package.json")));
        foreach (var section in new[] { "dependencies", "devDependencies" })
        {
            if (!manifest.RootElement.TryGetProperty(section, out var packages)) continue;
            foreach (var package in packages.EnumerateObject())
            {
                var installed = Path.Combine(NodeModules, package.Name, "package.json");
                if (!File.Exists(installed)) return false;
                using var installedManifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(installed));
                if (installedManifest.RootElement.GetProperty("version").GetString() != package.Value.GetString()) return false;
            }
        }
        return true;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wrapper.sln")) && File.Exists(Path.Combine(directory.FullName, "package.json")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("No folder above the tests holds Wrapper.sln and package.json.");
    }
}
