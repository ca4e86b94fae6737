using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;

namespace Wrapper.Server.Processes;

/// <summary>
/// Keeps files from piling up: at start-up it removes sandboxes left by a gateway that crashed (its
/// process id is in their names), and, with CLEANUP_SESSIONS, it deletes the CLIs' per-directory
/// files for Wrapper's sandboxes once they are CLEANUP_DELAY_MINUTES old (at once with 0), sweeping
/// again every few minutes. It only ever touches entries whose names start with the sandbox root's
/// own name: the user's projects, and other CLI files, are never candidates.
/// </summary>
internal sealed class SessionJanitor(
    IEnumerable<Providers.ICliProvider> providers,
    IOptions<ExecutionOptions> execution,
    IOptions<CleanupOptions> cleanup,
    TimeProvider time,
    ILogger<SessionJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromMinutes(10);

    private string SandboxRoot => execution.Value.ResolvedSandboxRoot;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SweepCrashedSandboxes();
        if (Directory.Exists(SandboxRoot) && SandboxRootCheck.Problem(SandboxRoot) is { } problem)
            logger.LogWarning("Unsafe SANDBOX_ROOT, every CLI start will be refused: {Problem}", problem);
        var interval = cleanup.Value.CleanupDelay < MaxSweepInterval && cleanup.Value.CleanupDelay > TimeSpan.Zero ? cleanup.Value.CleanupDelay : MaxSweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            SweepSessionFiles();
            try { await Task.Delay(interval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Called when a request's sandbox is gone: with no delay, its CLI files go at once.</summary>
    public void AfterRun(string workDirectory)
    {
        if (!cleanup.Value.CleanupSessions || cleanup.Value.CleanupDelayMinutes > 0) return;
        foreach (var (root, store) in Roots())
            Delete(Path.Combine(root, store.EntryName(workDirectory)));
    }

    internal void SweepCrashedSandboxes()
    {
        if (!Directory.Exists(SandboxRoot)) return;
        foreach (var folder in Directory.EnumerateDirectories(SandboxRoot))
        {
            var owner = Sandbox.OwnerProcessId(Path.GetFileName(folder));
            if (owner is { } pid && pid != Environment.ProcessId && !IsRunning(pid)) Delete(folder);
        }
    }

    internal void SweepSessionFiles()
    {
        if (!cleanup.Value.CleanupSessions) return;
        var cutoff = time.GetUtcNow() - cleanup.Value.CleanupDelay;
        foreach (var (root, store) in Roots())
        {
            var ours = store.EntryName(Path.Combine(SandboxRoot, Sandbox.NamePrefix));
            foreach (var entry in Directory.EnumerateFileSystemEntries(root))
            {
                if (Path.GetFileName(entry).StartsWith(ours, StringComparison.Ordinal) && Directory.GetLastWriteTimeUtc(entry) <= cutoff.UtcDateTime)
                    Delete(entry);
            }
        }
    }

    private IEnumerable<(string Root, ICliSessionStore Store)> Roots() =>
        providers.OfType<ICliSessionStore>().SelectMany(store => store.SessionRoots().Where(Directory.Exists).Select(root => (root, store)));

    private void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
            else return;
            logger.LogDebug("Removed {Path}", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove {Path}: {Reason}", path, e.Message);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
