using Wrapper.Server.Configuration;

namespace Wrapper.Tests.Configuration;

public sealed class DotEnvFileTests
{
    [Test]
    public void Reads_keys_values_quotes_exports_and_comments()
    {
        var values = DotEnvFile.Parse(
        [
            "# a comment",
            "",
            "PORT=9000 # trailing comment",
            "export API_KEY=abc",
            "CLAUDE_CLI_PATH=\"/opt/my tools/claude\"",
            "GREETING='hello # not a comment'",
            "not a setting",
        ]);

        Assert.That(values, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["PORT"] = "9000",
            ["API_KEY"] = "abc",
            ["CLAUDE_CLI_PATH"] = "/opt/my tools/claude",
            ["GREETING"] = "hello # not a comment",
        }));
    }
}
