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

    public static string ClaudePath => Bin("claude");

    public static string Bin(string name) => Path.Combine(RepositoryRoot, "node_modules", ".bin", name);

    /// <summary>Runs <c>npm install</c> unless every package is already there.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ClaudePath) && Directory.Exists(Path.Combine(RepositoryRoot, "node_modules", "openai"))) return;
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
