namespace Wrapper.Server.Providers;

/// <summary>
/// Prepares a request's own CLI home inside its sandbox: the settings the gateway needs, and the
/// user's OAuth login linked (never copied) from the real home, so a token the CLI refreshes is kept
/// and no secret is written anywhere new.
/// </summary>
internal static class CliHome
{
    /// <summary>Creates <paramref name="relativeDirectory"/> under <paramref name="home"/> and returns its path.</summary>
    public static string Directory(string home, string relativeDirectory)
    {
        var path = Path.Combine(home, relativeDirectory);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Links each of <paramref name="fileNames"/> that exists in <paramref name="realDirectory"/> into
    /// <paramref name="requestDirectory"/>; returns true when at least one was there.
    /// </summary>
    public static bool LinkLogin(string? realDirectory, string requestDirectory, params string[] fileNames)
    {
        if (string.IsNullOrEmpty(realDirectory)) return false;
        var linked = false;
        foreach (var name in fileNames)
        {
            var source = Path.Combine(realDirectory, name);
            if (!File.Exists(source)) continue;
            File.CreateSymbolicLink(Path.Combine(requestDirectory, name), source);
            linked = true;
        }
        return linked;
    }

    /// <summary>
    /// The CLI's real settings folder: the one <paramref name="variable"/> names (<c>QWEN_HOME</c>,
    /// <c>CODEX_HOME</c>), else <paramref name="folder"/> in HOME; null without either.
    /// </summary>
    public static string? RealDirectory(IConfiguration configuration, string variable, string folder)
    {
        if (configuration[variable] is { Length: > 0 } directory) return directory;
        return configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, folder) : null;
    }

    /// <summary>True when the login file exists in the real home (for choosing the auth type and /v1/auth/status).</summary>
    public static bool HasLogin(string? realDirectory, string fileName) =>
        !string.IsNullOrEmpty(realDirectory) && File.Exists(Path.Combine(realDirectory, fileName));

    /// <summary>Writes an owner-only file (settings) into the request's home.</summary>
    public static void WriteFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        writer.Write(content);
    }
}
