namespace Wrapper.Server.Configuration;

/// <summary>
/// Where the gateway looks for <c>.env</c> files, weakest first: the repository root (the nearest
/// folder above the start folder holding <c>Wrapper.sln</c>), then the folder the user started in.
/// Real environment variables win over both, and <c>--port</c> over everything.
/// </summary>
/// <remarks>
/// <c>dotnet run --project src/Wrapper.Server</c> does not run in the user's folder: the Web SDK
/// sets the project folder as the working directory (its <c>RunWorkingDirectory</c>, so the content
/// root holds the project's files). The user's folder is then only in <c>PWD</c>, which POSIX
/// shells export; it is believed only in that case (the working directory holds a project file),
/// since a process started elsewhere with another working directory may inherit a stale one.
/// </remarks>
internal static class DotEnvLocations
{
    public const string FileName = ".env";
    private const string SolutionFile = "Wrapper.sln";

    public static IReadOnlyList<string> Files(string currentDirectory, string? shellDirectory)
    {
        var start = StartDirectory(currentDirectory, shellDirectory);
        var folders = new List<string>();
        if ((RepositoryRoot(start) ?? RepositoryRoot(currentDirectory)) is { } root) folders.Add(root);
        folders.Add(start);
        return [.. folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Select(f => Path.Combine(f, FileName))];
    }

    /// <summary>The folder the user started in: the shell's, when <c>dotnet run</c> moved the working directory to the project.</summary>
    internal static string StartDirectory(string currentDirectory, string? shellDirectory)
    {
        var ranFromProject = Directory.EnumerateFiles(currentDirectory, "*.csproj").Any();
        return ranFromProject && shellDirectory is { Length: > 0 } && Path.IsPathRooted(shellDirectory) && Directory.Exists(shellDirectory)
            ? shellDirectory
            : currentDirectory;
    }

    internal static string? RepositoryRoot(string from)
    {
        for (var folder = new DirectoryInfo(from); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        return null;
    }
}
