namespace Wrapper.Server.Processes;

/// <summary>
/// Implemented by providers whose CLI keeps files per working directory outside the sandbox (Claude
/// Code: <c>~/.claude/projects/&lt;cwd with non-alphanumerics as '-'&gt;</c>), so that the janitor can
/// find exactly the files of Wrapper's sandboxes and nothing else.
/// </summary>
internal interface ICliSessionStore
{
    /// <summary>Folders that hold one entry per working directory.</summary>
    IEnumerable<string> SessionRoots();

    /// <summary>The entry name the CLI uses for a working directory (or a prefix of it).</summary>
    string EntryName(string workingDirectory);
}
