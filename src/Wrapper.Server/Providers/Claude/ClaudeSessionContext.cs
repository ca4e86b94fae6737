using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// What Claude Code puts before a conversation's first user message as <c>&lt;system-reminder&gt;</c>
/// blocks (working directory, platform, shell, OS version, model, date), as the attachment records of
/// its session file. Written into a resumed session, they make Claude Code render the first message
/// exactly as a fresh run did, and add nothing to the new one (docs/cli/RESUME-CLAUDE.md), so the
/// upstream request of each turn begins with the one before it. Every value must equal what the
/// CLI computes itself; the end-to-end tests compare a fresh and a resumed first message.
/// </summary>
internal static class ClaudeSessionContext
{
    /// <summary>
    /// The one working directory of every Claude Code run: its path is part of the first message, so a
    /// per-request folder would make each process's first message differ. It stays empty (every
    /// built-in tool is off, and Claude Code writes nothing there: docs/cli/REPORT.md §7), and all of
    /// the CLI's own files go to the request's CLAUDE_CONFIG_DIR and TMPDIR in its sandbox.
    /// </summary>
    public static string WorkingDirectory(string sandboxRoot) => SharedWorkDirectory.For(sandboxRoot, "claude-work");

    /// <summary>The attachment records, in the order Claude Code writes them after the first user message.</summary>
    public static IEnumerable<JsonObject> Attachments(string workingDirectory, string model, string? path, DateTime today)
    {
        yield return new JsonObject
        {
            ["type"] = "environment",
            ["snapshot"] = new JsonObject
            {
                ["workingDirectory"] = workingDirectory,
                ["isWorktree"] = false,
                ["isGitRepo"] = IsGitRepository(workingDirectory),
                ["additionalWorkingDirectories"] = new JsonArray(),
                ["platform"] = Platform,
                ["shell"] = Shell(path),
                ["osVersion"] = OsVersion(),
            },
        };
        yield return ClaudeModelFacts.Attachment(model);
        yield return new JsonObject { ["type"] = "date", ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
    }

    /// <summary>Node's <c>process.platform</c>.</summary>
    private static string Platform =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : RuntimeInformation.OSDescription;

    /// <summary>Node's <c>os.type() + " " + os.release()</c>: the kernel's name and release.</summary>
    private static string OsVersion()
    {
        if (OperatingSystem.IsLinux())
        {
            try { return "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); }
            catch (IOException) { }
        }
        return RuntimeInformation.OSDescription;
    }

    /// <summary>Without SHELL (the child environment has none), Claude Code names the first of zsh and bash on its PATH.</summary>
    private static string Shell(string? path)
    {
        var folders = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var shell in (string[])["zsh", "bash"])
            if (folders.Any(folder => File.Exists(Path.Combine(folder, shell)))) return shell;
        return "unknown";
    }

    private static bool IsGitRepository(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
            if (Path.Exists(Path.Combine(folder.FullName, ".git"))) return true;
        return false;
    }
}
