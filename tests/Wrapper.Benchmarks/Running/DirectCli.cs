using System.Diagnostics;

namespace Wrapper.Benchmarks.Running;

/// <summary>
/// A CLI started without the gateway but spawned as the gateway spawns it: the same executable,
/// arguments and stdin prompt, and through <c>setsid</c> like the gateway's Processes/ProcessTree.
/// The same spawn matters beyond the exec: with the kernel's autogroup scheduling, a new session
/// is a new scheduling group, which on a busy machine gets a fair share of the CPU of its own.
/// </summary>
internal sealed record DirectCli(string Path, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment = null, string? WorkingDirectory = null)
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>Runs to the end; returns the milliseconds from start to exit, or to the first line matching <paramref name="firstMatch"/>.</summary>
    public async Task<double> RunAsync(string prompt, Func<string, bool>? firstMatch = null)
    {
        var startInfo = new ProcessStartInfo(Setsid ?? Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (WorkingDirectory is not null) startInfo.WorkingDirectory = WorkingDirectory;
        if (Setsid is not null) startInfo.ArgumentList.Add(Path);
        foreach (var argument in Arguments) startInfo.ArgumentList.Add(argument);
        if (Environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (name, value) in Environment) startInfo.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{Path} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(prompt);
        process.StandardInput.Close();
        double? matched = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (matched is null && firstMatch?.Invoke(line) == true) matched = clock.Elapsed.TotalMilliseconds;
        }
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path} exited with {process.ExitCode}: {await stderr}");
        if (firstMatch is not null && matched is null) throw new InvalidOperationException($"{Path} never printed the awaited line: {await stderr}");
        return matched ?? elapsed;
    }
}
