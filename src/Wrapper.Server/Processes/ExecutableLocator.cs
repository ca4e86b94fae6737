namespace Wrapper.Server.Processes;

/// <summary>
/// Finds a CLI the way a shell would (a path, or a name looked up on PATH), and also in the
/// <c>node_modules/.bin</c> folders that <c>npm install</c> fills from the repository's package.json,
/// so that a checkout works without a global install.
/// </summary>
internal static class ExecutableLocator
{
    private static readonly string[] WindowsExtensions = [".exe", ".cmd", ".bat", ""];

    /// <summary>The full path of an executable file, or null when there is none.</summary>
    public static string? Find(string configured, string? searchPath)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        if (Path.IsPathRooted(configured) || configured.Contains(Path.DirectorySeparatorChar) || configured.Contains('/'))
            return Candidates(Path.GetFullPath(configured)).FirstOrDefault(IsExecutable);

        var directories = (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(NodeModulesBins(Directory.GetCurrentDirectory()))
            .Concat(NodeModulesBins(AppContext.BaseDirectory));
        return directories
            .SelectMany(directory => Candidates(Path.Combine(directory, configured)))
            .FirstOrDefault(IsExecutable);
    }

    private static IEnumerable<string> NodeModulesBins(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            yield return Path.Combine(directory.FullName, "node_modules", ".bin");
    }

    private static IEnumerable<string> Candidates(string path) =>
        OperatingSystem.IsWindows() ? WindowsExtensions.Select(extension => path + extension) : [path];

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
