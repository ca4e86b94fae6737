using System.Text.Json.Nodes;
using Wrapper.Server.Providers.Claude;

namespace Wrapper.Tests.Providers;

public sealed class ClaudeConfigHomeTests : SandboxTestBase
{
    private const string Login = """{"claudeAiOauth":{"accessToken":"old","refreshToken":"r1","expiresAt":1000}}""";

    private string RealDirectory => Directory.CreateDirectory(Path.Combine(Root, "real")).FullName;
    private string RealFile => Path.Combine(RealDirectory, ".credentials.json");

    [Test]
    public void The_login_is_a_copy_so_an_mcpOAuth_entry_the_run_adds_never_reaches_the_operators_file()
    {
        File.WriteAllText(RealFile, Login);
        var (directory, writeBack) = ClaudeConfigHome.Create(Path.Combine(Root, "sandbox-home"), RealDirectory);
        var requestFile = Path.Combine(directory, ".credentials.json");
        Assert.That(new FileInfo(requestFile).LinkTarget, Is.Null, "a copy, not a link");

        File.WriteAllText(requestFile, """{"claudeAiOauth":{"accessToken":"old","refreshToken":"r1","expiresAt":1000},"mcpOAuth":{"w":{"accessToken":"x"}}}""");
        writeBack!.Dispose();

        Assert.That(File.ReadAllText(RealFile), Is.EqualTo(Login));
    }

    [Test]
    public void A_login_refreshed_during_the_run_goes_back_without_anything_else_of_the_run()
    {
        File.WriteAllText(RealFile, """{"claudeAiOauth":{"accessToken":"old","refreshToken":"r1","expiresAt":1000},"other":1}""");
        var (directory, writeBack) = ClaudeConfigHome.Create(Path.Combine(Root, "sandbox-home"), RealDirectory);

        File.WriteAllText(Path.Combine(directory, ".credentials.json"),
            """{"claudeAiOauth":{"accessToken":"new","refreshToken":"r2","expiresAt":2000},"mcpOAuth":{"w":{}}}""");
        writeBack!.Dispose();

        var real = JsonNode.Parse(File.ReadAllText(RealFile))!.AsObject();
        Assert.That(real["claudeAiOauth"]!["accessToken"]!.GetValue<string>(), Is.EqualTo("new"));
        Assert.That(real["other"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(real.ContainsKey("mcpOAuth"), Is.False);
        Assert.That(File.GetUnixFileMode(RealFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Without_a_login_there_is_nothing_to_copy_or_write_back()
    {
        var (directory, writeBack) = ClaudeConfigHome.Create(Path.Combine(Root, "sandbox-home"), RealDirectory);

        Assert.That(writeBack, Is.Null);
        Assert.That(Directory.EnumerateFileSystemEntries(directory), Is.Empty);
    }
}
