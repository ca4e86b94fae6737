using System.Diagnostics;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real CLIs, pinned in the repository's package.json. Installed with <c>npm ci</c> on first use,
/// so that <c>dotnet test Wrapper.sln</c> is all a fresh machine needs.
/// </summary>
[SetUpFixture]
public sealed class RealClis
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ClaudePath => Path.Combine(RepositoryRoot, "node_modules", ".bin", "claude");

    [OneTimeSetUp]
    public async Task InstallOnce()
    {
        if (File.Exists(ClaudePath)) return;
        var startInfo = new ProcessStartInfo("npm") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) startInfo.ArgumentList.Add(argument);
        using var npm = Process.Start(startInfo)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        await npm.WaitForExitAsync(timeout.Token);
        Assert.That(npm.ExitCode, Is.Zero, $"npm ci failed:\n{await output}\n{await errors}");
        Assert.That(File.Exists(ClaudePath), Is.True, $"npm ci did not install {ClaudePath}");
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
