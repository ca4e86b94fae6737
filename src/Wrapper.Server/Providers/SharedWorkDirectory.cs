namespace Wrapper.Server.Providers;

/// <summary>
/// One working directory for every run of a CLI that names its working directory in what it sends
/// upstream (Claude Code's environment note, Qwen Code's startup context): a per-request folder would
/// make each process's first message differ, so a provider prefix cache could never hit across turns.
/// It sits beside the sandboxes, owner-only, and stays empty: the CLIs' built-in tools are off, and
/// their own files go to the request's home and TMPDIR in its sandbox.
/// </summary>
internal static class SharedWorkDirectory
{
    /// <summary>Creates (if needed) and returns <c>&lt;parent of the sandbox root&gt;/<paramref name="name"/></c>.</summary>
    public static string For(string sandboxRoot, string name)
    {
        var parent = Path.GetDirectoryName(sandboxRoot) ?? sandboxRoot;
        var path = Path.Combine(parent, name);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
