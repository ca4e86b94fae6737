namespace Wrapper.Server.Processes;

/// <summary>
/// A fresh owner-only directory for one request: the CLI's working directory, its temp folder and
/// the files the gateway hands it (system prompt, later images and tool configuration).
/// Disposing removes all of it, however the request ended.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Prefix of every sandbox folder name, so that a start-up sweep can recognise ours.</summary>
    public const string NamePrefix = "req-";

    private Sandbox(string root)
    {
        Root = root;
        WorkDirectory = CreateDirectory(Path.Combine(root, "work"));
        TempDirectory = CreateDirectory(Path.Combine(root, "tmp"));
        FilesDirectory = CreateDirectory(Path.Combine(root, "files"));
        HomeDirectory = CreateDirectory(Path.Combine(root, "home"));
    }

    public string Root { get; }

    /// <summary>The CLI's current directory: empty, so its file tools (which are off anyway) see nothing.</summary>
    public string WorkDirectory { get; }

    /// <summary>The CLI's TMPDIR, so that its scratch files go with the sandbox.</summary>
    public string TempDirectory { get; }

    /// <summary>Files the gateway writes for the CLI, outside its working directory.</summary>
    public string FilesDirectory { get; }

    /// <summary>
    /// The CLI's own home (GEMINI_CLI_HOME, QWEN_HOME, CODEX_HOME) for this request only: the CLIs
    /// rewrite their settings files, so concurrent requests must not share them (docs/cli/REPORT.md §7).
    /// </summary>
    public string HomeDirectory { get; }

    /// <summary>The id of the gateway process that made a sandbox folder, or null for a name not made here.</summary>
    public static int? OwnerProcessId(string folderName)
    {
        if (!folderName.StartsWith(NamePrefix, StringComparison.Ordinal)) return null;
        var rest = folderName[NamePrefix.Length..];
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest.AsSpan(0, dash), out var pid) ? pid : null;
    }

    public static Sandbox Create(string parent)
    {
        CreateDirectory(parent);
        // The gateway's process id in the name lets a later start-up tell a crashed gateway's leftovers
        // from the sandboxes of a gateway still running on the same root.
        return new Sandbox(CreateDirectory(Path.Combine(parent, $"{NamePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}")));
    }

    /// <summary>Writes an owner-only file under <see cref="FilesDirectory"/> and returns its full path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(FilesDirectory, Path.GetFileName(name));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        writer.Write(content);
        return path;
    }

    /// <summary>
    /// Writes an owner-only file into <see cref="WorkDirectory"/> (for what the CLI must find in its
    /// workspace, such as images it attaches) and returns its name relative to that directory.
    /// </summary>
    public string WriteWorkFile(string name, ReadOnlySpan<byte> content)
    {
        name = Path.GetFileName(name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var file = new FileStream(Path.Combine(WorkDirectory, name), options);
        file.Write(content);
        return name;
    }

    public void Dispose() => TryDelete();

    /// <summary>Removes the sandbox; false when something in it could not be deleted.</summary>
    public bool TryDelete()
    {
        // A CLI killed a moment ago may still be closing files; try a few times before giving up.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50 * (attempt + 1));
            }
        }
        return !Directory.Exists(Root);
    }

    private static string CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyDirectory);
        return path;
    }
}
