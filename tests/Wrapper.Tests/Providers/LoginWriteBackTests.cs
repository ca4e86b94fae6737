using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers;

/// <summary>
/// Qwen Code saves a refreshed OAuth login by writing a temporary file and renaming it over
/// oauth_creds.json, which replaces the link to the user's real file; the refreshed login must not
/// be deleted with the sandbox.
/// </summary>
public sealed class LoginWriteBackTests
{
    private string _root = "";
    private string _real = "";
    private string _request = "";

    [SetUp]
    public void CreateHomes()
    {
        _root = Directory.CreateTempSubdirectory("wrapper-login-").FullName;
        _real = Directory.CreateDirectory(Path.Combine(_root, "real", ".qwen")).FullName;
        _request = Directory.CreateDirectory(Path.Combine(_root, "sandbox", "home", ".qwen")).FullName;
        File.WriteAllText(Path.Combine(_real, "oauth_creds.json"), """{"access_token":"old"}""");
        File.SetLastWriteTimeUtc(Path.Combine(_real, "oauth_creds.json"), DateTime.UtcNow.AddMinutes(-5));
        CliHome.LinkLogin(_real, _request, "oauth_creds.json");
    }

    [TearDown]
    public void RemoveHomes() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_login_the_cli_renamed_over_the_link_goes_back_to_the_real_home_owner_only()
    {
        ReplaceLikeQwen("""{"access_token":"refreshed"}""");

        new LoginWriteBack(Path.Combine(_request, "oauth_creds.json"), _real).Dispose();

        var real = Path.Combine(_real, "oauth_creds.json");
        Assert.That(File.ReadAllText(real), Is.EqualTo("""{"access_token":"refreshed"}"""));
        Assert.That(File.GetUnixFileMode(real), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFiles(_real), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void A_login_written_through_the_link_or_not_touched_stays_as_it_is()
    {
        File.WriteAllText(Path.Combine(_request, "oauth_creds.json"), """{"access_token":"written in place"}""");

        new LoginWriteBack(Path.Combine(_request, "oauth_creds.json"), _real).Dispose();

        Assert.That(File.ReadAllText(Path.Combine(_real, "oauth_creds.json")), Is.EqualTo("""{"access_token":"written in place"}"""));
        Assert.That(new FileInfo(Path.Combine(_request, "oauth_creds.json")).LinkTarget, Is.Not.Null);
    }

    [Test]
    public void A_real_login_refreshed_later_by_another_run_is_not_overwritten()
    {
        ReplaceLikeQwen("""{"access_token":"older refresh"}""");
        File.SetLastWriteTimeUtc(Path.Combine(_request, "oauth_creds.json"), DateTime.UtcNow.AddMinutes(-10));

        new LoginWriteBack(Path.Combine(_request, "oauth_creds.json"), _real).Dispose();

        Assert.That(File.ReadAllText(Path.Combine(_real, "oauth_creds.json")), Is.EqualTo("""{"access_token":"old"}"""));
    }

    [Test]
    public void Without_a_login_in_the_request_home_nothing_happens()
    {
        var before = File.ReadAllText(Path.Combine(_real, "oauth_creds.json"));

        new LoginWriteBack(Path.Combine(_request, "missing.json"), _real).Dispose();

        Assert.That(File.ReadAllText(Path.Combine(_real, "oauth_creds.json")), Is.EqualTo(before), "the real login is untouched");
        Assert.That(File.Exists(Path.Combine(_real, "missing.json")), Is.False, "nothing is written back");
    }

    /// <summary>What Qwen Code's SharedTokenManager.saveCredentialsToFile does: write a temporary file, rename it over.</summary>
    private void ReplaceLikeQwen(string content)
    {
        var temporary = Path.Combine(_request, $"oauth_creds.json.tmp.{Guid.NewGuid()}");
        File.WriteAllText(temporary, content);
        File.Move(temporary, Path.Combine(_request, "oauth_creds.json"), overwrite: true);
    }
}
