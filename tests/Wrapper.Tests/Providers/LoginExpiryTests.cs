using Microsoft.Extensions.Configuration;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers;

/// <summary>/v1/auth/status shows a stored login's expiry from the CLI's credentials file, never the token.</summary>
public sealed class LoginExpiryTests
{
    private string _home = "";

    [SetUp]
    public void CreateHome() => _home = Directory.CreateTempSubdirectory("wrapper-expiry-").FullName;

    [TearDown]
    public void RemoveHome() => Directory.Delete(_home, recursive: true);

    [Test]
    public void Claudes_expiresAt_and_the_oauth_creds_expiry_date_of_Gemini_and_Qwen_are_read_in_milliseconds()
    {
        Write(".claude/.credentials.json", """{"claudeAiOauth":{"accessToken":"sk-ant-oat-secret","expiresAt":1767225600000}}""");
        Write(".gemini/oauth_creds.json", """{"access_token":"ya29.secret","expiry_date":1767229200000}""");
        Write(".qwen/oauth_creds.json", """{"access_token":"qwen-secret","expiry_date":1767232800000}""");
        var configuration = Configuration();

        Assert.That(LoginExpiry.For("claude", configuration), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(LoginExpiry.For("gemini", configuration), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero)));
        Assert.That(LoginExpiry.For("qwen", configuration), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("""{"claudeAiOauth":{"accessToken":"x"}}""")]
    [TestCase("""{"claudeAiOauth":"not an object"}""")]
    [TestCase("{broken")]
    public void A_file_without_an_expiry_or_not_in_the_known_shape_gives_none(string credentials)
    {
        Write(".claude/.credentials.json", credentials);

        Assert.That(LoginExpiry.For("claude", Configuration()), Is.Null);
        Assert.That(LoginExpiry.For("codex", Configuration()), Is.Null);
    }

    private IConfiguration Configuration() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HOME"] = _home }).Build();

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
