namespace Wrapper.Server.Providers;

/// <summary>
/// Keeps a login the CLI refreshed during the run. <see cref="CliHome.LinkLogin"/> links the user's
/// login file into the request's home, so a CLI that writes the file in place writes the real one.
/// Qwen Code instead writes a new file and renames it over the old (its SharedTokenManager), which
/// replaces the link: when the run ends, such a newer file is moved back to the real home
/// (atomically, owner-only), before the sandbox is removed.
/// </summary>
internal sealed class LoginWriteBack(string requestFile, string? realDirectory) : IDisposable
{
    public void Dispose()
    {
        if (string.IsNullOrEmpty(realDirectory)) return;
        var replaced = new FileInfo(requestFile);
        if (!replaced.Exists || replaced.LinkTarget is not null) return; // no login, or still the link
        var realFile = Path.Combine(realDirectory, replaced.Name);
        // Through a link of the user's own, to the file it points at.
        var target = File.ResolveLinkTarget(realFile, returnFinalTarget: true)?.FullName ?? realFile;
        // Logged out since, or refreshed by another run later than this one: leave it.
        if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) >= replaced.LastWriteTimeUtc) return;
        var temporary = $"{target}.wrapper-{Guid.NewGuid():N}";
        try
        {
            CliHome.WriteFile(temporary, File.ReadAllText(requestFile));
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary); // the old login stays; the CLI refreshes again next time
        }
    }
}
